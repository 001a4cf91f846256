import { filterQuery, request } from './http'

// The admin view of the notification outbox (docs/notifications.md): deliveries in the admin's region,
// retry of dead letters, and the channels' health over the last hour.

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'DEAD' | 'UNCONFIRMED'

export type Channel = 'SANDBOX' | 'INBOX' | 'SUBSCRIPTION' | 'OFFICIAL_ACCOUNT' | 'ROBOT'

export const DELIVERY_STATUSES: { value: DeliveryStatus; label: string }[] = [
  { value: 'PENDING', label: '待发送' },
  { value: 'DELIVERED', label: '已送达' },
  { value: 'DEAD', label: '失败' },
  { value: 'UNCONFIRMED', label: '未确认' },
]

export const CHANNELS: { value: Channel; label: string }[] = [
  { value: 'SANDBOX', label: '沙箱' },
  { value: 'INBOX', label: '站内信' },
  { value: 'SUBSCRIPTION', label: '订阅消息' },
  { value: 'OFFICIAL_ACCOUNT', label: '公众号客服消息' },
  { value: 'ROBOT', label: '企业微信群机器人' },
]

/** The Chinese name of a status; an unknown one (a newer api) is shown as it is. */
export function deliveryStatusLabel(status: string): string {
  return DELIVERY_STATUSES.find((known) => known.value === status)?.label ?? status
}

export function channelLabel(channel: string): string {
  return CHANNELS.find((known) => known.value === channel)?.label ?? channel
}

export interface Delivery {
  id: string
  recipientId: string
  regionCode: string
  /** Stable template name, e.g. `booking.confirmed`. */
  template: string
  title: string
  /** Template data; phone and ID-card numbers already masked by the server. */
  data: Record<string, string>
  status: DeliveryStatus
  attempts: number
  deliveredChannel: Channel | null
  /** ISO instants. */
  createdAt: string
  dueAt: string | null
  nextAttemptAt: string | null
  deliveredAt: string | null
  lastError: string | null
  /** Why the message took another route than the first channel, e.g. no subscription credit left. */
  note: string | null
}

export interface DeliveryPage {
  items: Delivery[]
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null
}

export interface DeliveryFilter {
  region?: string
  status?: DeliveryStatus
  /** Matches the channel a message was delivered through. */
  channel?: Channel
  template?: string
  recipientId?: string
  /** Created at or after this ISO instant. */
  from?: string
  /** Created before this ISO instant. */
  to?: string
  cursor?: string
  /** 1 to 100; the server's default is 50. */
  limit?: number
}

export interface ChannelHealth {
  channel: string
  sent: number
  failed: number
  /** Refused by a WeChat quota or frequency limit (45009 and the like). */
  throttled: number
  /** Could not reach the person (no credit, window closed) and passed the message to the next channel. */
  skipped: number
}

const base = '/api/v1/admin/notifications'

/** Newest first; empty filters are left out of the query. */
export function listDeliveries(filter: DeliveryFilter = {}): Promise<DeliveryPage> {
  return request<DeliveryPage>(base, { query: filterQuery(filter) })
}

/** Puts a dead letter back in the queue; anything but `DEAD` is refused with 409 `NOT_DEAD_LETTER`. */
export function retryDelivery(id: string): Promise<Delivery> {
  return request<Delivery>(`${base}/${encodeURIComponent(id)}/retry`, { method: 'POST' })
}

/** Per channel, the attempts of the last hour. */
export function getChannelHealth(): Promise<ChannelHealth[]> {
  return request<ChannelHealth[]>(`${base}/health`)
}
