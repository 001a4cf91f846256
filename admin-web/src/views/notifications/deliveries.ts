// The deliveries tab's logic, kept out of the component so that it can be tested on its own.
import type { Channel, Delivery, DeliveryFilter, DeliveryStatus } from '@/api/notifications'
import { addDays, formatDateTime, shanghaiDayStart } from '@/utils/format'

export const PAGE_SIZE = 50

/** What the filter form holds; the dates are yyyy-MM-dd days in Asia/Shanghai, both included. */
export interface DeliveryFilterForm {
  region: string | undefined
  /** Undefined for all (a cleared select sets undefined). */
  status: DeliveryStatus | undefined
  channel: Channel | undefined
  template: string
  recipientId: string
  dates: [string, string] | null
}

export function emptyFilterForm(): DeliveryFilterForm {
  return { region: undefined, status: undefined, channel: undefined, template: '', recipientId: '', dates: null }
}

/** The query for the first page: trimmed, empty fields left out, the days as instants (`to` exclusive). */
export function filterFromForm(form: DeliveryFilterForm): DeliveryFilter {
  const filter: DeliveryFilter = { limit: PAGE_SIZE }
  if (form.region) filter.region = form.region
  if (form.status) filter.status = form.status
  if (form.channel) filter.channel = form.channel
  if (form.template.trim()) filter.template = form.template.trim()
  if (form.recipientId.trim()) filter.recipientId = form.recipientId.trim()
  if (form.dates) {
    const [first, last] = form.dates
    filter.from = shanghaiDayStart(first)
    // The server's `to` is exclusive: the end of the last day is the start of the next.
    filter.to = shanghaiDayStart(addDays(last, 1))
  }
  return filter
}

export const STATUS_TAG_TYPES: Record<DeliveryStatus, 'success' | 'info' | 'warning' | 'danger'> = {
  PENDING: 'info',
  DELIVERED: 'success',
  DEAD: 'danger',
  UNCONFIRMED: 'warning',
}

export function statusTagType(status: string): 'success' | 'info' | 'warning' | 'danger' {
  return STATUS_TAG_TYPES[status as DeliveryStatus] ?? 'info'
}

/** One line on where a delivery stands: when it arrived, when it is tried next, or that it gave up. */
export function progressOf(delivery: Delivery): string {
  switch (delivery.status) {
    case 'DELIVERED':
      return delivery.deliveredAt ? `送达于 ${formatDateTime(delivery.deliveredAt)}` : '已送达'
    case 'PENDING': {
      const next = delivery.nextAttemptAt ?? delivery.dueAt
      const when = next ? `计划于 ${formatDateTime(next)} ` : ''
      return delivery.attempts > 0 ? `已失败 ${delivery.attempts} 次，${when || '等待'}重试` : `${when || '等待'}发送`
    }
    case 'DEAD':
      return `已尝试 ${delivery.attempts} 次，不再自动重试`
    case 'UNCONFIRMED':
      return '已发出，渠道未确认送达'
    default:
      return ''
  }
}

/** The template data as rows, in a stable order. */
export function dataEntries(data: Record<string, string> | null | undefined): { key: string; value: string }[] {
  return Object.entries(data ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ key, value }))
}
