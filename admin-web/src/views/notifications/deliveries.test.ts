import { describe, expect, it } from 'vitest'
import { deadLetter, delivery } from '@/test/notifications'
import { dataEntries, emptyFilterForm, filterFromForm, progressOf } from './deliveries'

describe('deliveries tab logic', () => {
  it('asks for a first page of 50 without filters when the form is empty', () => {
    expect(filterFromForm(emptyFilterForm())).toEqual({ limit: 50 })
  })

  it('sends the chosen days as Asia/Shanghai instants, the last day included', () => {
    const form = {
      ...emptyFilterForm(),
      region: '621025100000',
      status: 'DEAD' as const,
      channel: 'SUBSCRIPTION' as const,
      template: ' answer.ready ',
      recipientId: '  ',
      dates: ['2026-12-01', '2026-12-31'] as [string, string],
    }

    expect(filterFromForm(form)).toEqual({
      limit: 50,
      region: '621025100000',
      status: 'DEAD',
      channel: 'SUBSCRIPTION',
      template: 'answer.ready',
      // 2026-12-01 00:00 in Shanghai up to (not including) 2027-01-01 00:00.
      from: '2026-11-30T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
    })
  })

  it('says where a delivery stands, in Shanghai time', () => {
    expect(progressOf(delivery())).toBe('送达于 2026/12/07 09:00')
    expect(progressOf(delivery({ status: 'PENDING', attempts: 0, deliveredAt: null, dueAt: '2026-12-08T00:00:00Z' }))).toBe(
      '计划于 2026/12/08 08:00 发送',
    )
    expect(
      progressOf(delivery({ status: 'PENDING', attempts: 2, deliveredAt: null, nextAttemptAt: '2026-12-07T01:05:00Z' })),
    ).toBe('已失败 2 次，计划于 2026/12/07 09:05 重试')
    expect(progressOf(deadLetter)).toBe('已尝试 8 次，不再自动重试')
    expect(progressOf(delivery({ status: 'UNCONFIRMED' }))).toBe('已发出，渠道未确认送达')
  })

  it('lists the template data by key, and nothing for none', () => {
    expect(dataEntries({ time: '09:00', phone: '139****5678' })).toEqual([
      { key: 'phone', value: '139****5678' },
      { key: 'time', value: '09:00' },
    ])
    expect(dataEntries(null)).toEqual([])
  })
})
