import { describe, expect, it } from 'vitest'
import { booking, scheduleSession } from '@/test/bookings'
import { formatPercent } from '@/utils/format'
import { correctable, daysOf, hasBegun, orderedBookings, rangeOf, rangeTitle, step, weekStart, withBooking } from './bookings'

describe('booking pages: dates', () => {
  it('takes weeks from Monday to Sunday', () => {
    expect(weekStart('2026-12-08')).toBe('2026-12-07') // a Tuesday
    expect(weekStart('2026-12-07')).toBe('2026-12-07') // a Monday
    expect(weekStart('2026-12-13')).toBe('2026-12-07') // a Sunday
    expect(weekStart('2027-01-01')).toBe('2026-12-28') // across the year
  })

  it('shows a day or its week, and steps by a day or a week', () => {
    expect(rangeOf('day', '2026-12-08')).toEqual({ from: '2026-12-08', to: '2026-12-08' })
    expect(rangeOf('week', '2026-12-08')).toEqual({ from: '2026-12-07', to: '2026-12-13' })
    expect(step('day', '2026-12-31', 1)).toBe('2027-01-01')
    expect(step('week', '2026-12-08', -1)).toBe('2026-12-01')
  })

  it('titles a day with its weekday and a week with its first and last day', () => {
    expect(rangeTitle({ from: '2026-12-08', to: '2026-12-08' })).toBe('2026年12月8日 周二')
    expect(rangeTitle({ from: '2026-12-07', to: '2026-12-13' })).toBe('2026年12月7日 – 12月13日')
    expect(rangeTitle({ from: '2026-12-28', to: '2027-01-03' })).toBe('2026年12月28日 – 2027年1月3日')
  })

  it('groups sessions by day in time order', () => {
    const days = daysOf([
      scheduleSession({ sessionId: 'c', date: '2026-12-10', start: '09:00' }),
      scheduleSession({ sessionId: 'b', date: '2026-12-08', start: '14:00' }),
      scheduleSession({ sessionId: 'a', date: '2026-12-08', start: '09:00' }),
    ])
    expect(days.map((day) => [day.title, day.sessions.map((session) => session.sessionId)])).toEqual([
      ['12月8日 周二', ['a', 'b']],
      ['12月10日 周四', ['c']],
    ])
  })
})

describe('booking pages: bookings', () => {
  it('allows attendance once the booking has begun', () => {
    const nineOClock = booking({ startAt: '2026-12-08T01:00:00Z' })
    expect(hasBegun(nineOClock, new Date('2026-12-08T00:59:59Z'))).toBe(false)
    expect(hasBegun(nineOClock, new Date('2026-12-08T01:00:00Z'))).toBe(true)
  })

  it('allows a mark to be corrected for 30 days after the start', () => {
    const start = booking({ status: 'ATTENDED', startAt: '2026-12-08T01:00:00Z' })
    expect(correctable(start, new Date('2027-01-07T01:00:00Z'))).toBe(true)
    expect(correctable(start, new Date('2027-01-07T01:00:01Z'))).toBe(false)
    expect(correctable({ ...start, status: 'NO_SHOW' }, new Date('2026-12-09T00:00:00Z'))).toBe(true)
    expect(correctable({ ...start, status: 'CONFIRMED' }, new Date('2026-12-09T00:00:00Z'))).toBe(false)
  })

  it('puts cancelled bookings after the others', () => {
    const list = orderedBookings([
      booking({ id: 'x', status: 'CANCELLED', startAt: '2026-12-08T01:00:00Z' }),
      booking({ id: 'y', startAt: '2026-12-08T01:30:00Z' }),
      booking({ id: 'z', status: 'ATTENDED', startAt: '2026-12-08T01:00:00Z' }),
    ])
    expect(list.map((item) => item.id)).toEqual(['z', 'y', 'x'])
  })

  it('replaces an updated booking and frees the seat of a cancelled one', () => {
    const sessions = [scheduleSession({ booked: 2, bookings: [booking(), booking({ id: 'bk-2' })] }), scheduleSession({ sessionId: 'other', bookings: [booking({ id: 'bk-9' })] })]

    const cancelled = withBooking(sessions, booking({ status: 'CANCELLED', cancelReason: '顾问出庭' }))
    expect(cancelled[0]!.booked).toBe(1)
    expect(cancelled[0]!.bookings[0]!.cancelReason).toBe('顾问出庭')
    expect(cancelled[1]).toBe(sessions[1])

    const noted = withBooking(sessions, booking({ note: '需带承包合同' }))
    expect(noted[0]!.booked).toBe(2)
    expect(noted[0]!.bookings[0]!.note).toBe('需带承包合同')
  })

  it('writes rates as percentages and a missing rate as a dash', () => {
    expect(formatPercent(0.125)).toBe('12.5%')
    expect(formatPercent(1 / 6)).toBe('16.7%')
    expect(formatPercent(0)).toBe('0%')
    expect(formatPercent(1)).toBe('100%')
    expect(formatPercent(null)).toBe('—')
  })
})
