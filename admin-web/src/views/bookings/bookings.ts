// The booking pages' logic, kept out of the components so that it can be tested on its own.
import type { Booking, BookingStatus, DateRange, ScheduleSession } from '@/api/bookings'
import { addDays, weekdayOf } from '@/utils/format'

export type ScheduleView = 'day' | 'week'

/** The Monday of the week (Monday to Sunday) a yyyy-MM-dd day falls in. */
export function weekStart(date: string): string {
  const [year, month, day] = date.split('-').map(Number)
  const weekday = new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay()
  return addDays(date, -((weekday + 6) % 7))
}

/** The days the schedule shows: the day itself, or its week from Monday to Sunday. */
export function rangeOf(view: ScheduleView, date: string): DateRange {
  if (view === 'day') return { from: date, to: date }
  const monday = weekStart(date)
  return { from: monday, to: addDays(monday, 6) }
}

/** The day one step (a day or a week) before (-1) or after (+1) `date`. */
export function step(view: ScheduleView, date: string, direction: -1 | 1): string {
  return addDays(date, direction * (view === 'day' ? 1 : 7))
}

/** 12月8日 for a yyyy-MM-dd day. */
export function monthDay(date: string): string {
  const [, month, day] = date.split('-').map(Number)
  return `${month}月${day}日`
}

/** 2026年12月8日 周二, or 2026年12月7日 – 12月13日 for a week. */
export function rangeTitle(range: DateRange): string {
  const year = range.from.slice(0, 4)
  if (range.from === range.to) return `${year}年${monthDay(range.from)} ${weekdayOf(range.from)}`
  const toYear = range.to.slice(0, 4)
  return `${year}年${monthDay(range.from)} – ${toYear === year ? '' : `${toYear}年`}${monthDay(range.to)}`
}

export interface ScheduleDay {
  date: string
  /** 12月8日 周二. */
  title: string
  sessions: ScheduleSession[]
}

/** The days that have sessions, in order, each with its sessions by start time. */
export function daysOf(sessions: ScheduleSession[]): ScheduleDay[] {
  const byDate = new Map<string, ScheduleSession[]>()
  for (const session of [...sessions].sort((a, b) => `${a.date} ${a.start}`.localeCompare(`${b.date} ${b.start}`))) {
    byDate.set(session.date, [...(byDate.get(session.date) ?? []), session])
  }
  return [...byDate.entries()].map(([date, list]) => ({ date, title: `${monthDay(date)} ${weekdayOf(date)}`, sessions: list }))
}

/** Attendance can be recorded once the booking has begun (the server refuses earlier, with 409). */
export function hasBegun(booking: Pick<Booking, 'startAt'>, now: Date = new Date()): boolean {
  return Date.parse(booking.startAt) <= now.getTime()
}

/** How long after its start a booking's attendance may still be corrected (docs/booking.md). */
export const CORRECTION_DAYS = 30

/** An attended booking can be turned into a no-show and back, for 30 days after its start. */
export function correctable(booking: Pick<Booking, 'status' | 'startAt'>, now: Date = new Date()): boolean {
  if (booking.status !== 'ATTENDED' && booking.status !== 'NO_SHOW') return false
  return now.getTime() - Date.parse(booking.startAt) <= CORRECTION_DAYS * 24 * 60 * 60 * 1000
}

/** Bookings by start time, those still to come (or attended) before cancelled ones. */
export function orderedBookings(bookings: Booking[]): Booking[] {
  const rank = (booking: Booking) => (booking.status === 'CANCELLED' ? 1 : 0)
  return [...bookings].sort((a, b) => rank(a) - rank(b) || a.startAt.localeCompare(b.startAt))
}

/** The sessions with `updated` in place of the booking with its id; a cancellation frees its seat. */
export function withBooking(sessions: ScheduleSession[], updated: Booking): ScheduleSession[] {
  return sessions.map((session) => {
    const previous = session.bookings.find((booking) => booking.id === updated.id)
    if (!previous) return session
    const freed = previous.status !== 'CANCELLED' && updated.status === 'CANCELLED' ? 1 : 0
    return {
      ...session,
      booked: Math.max(0, session.booked - freed),
      bookings: session.bookings.map((booking) => (booking.id === updated.id ? updated : booking)),
    }
  })
}

/** `updated` in place of the booking with its id. */
export function replaceBooking(list: Booking[], updated: Booking): Booking[] {
  return list.map((booking) => (booking.id === updated.id ? updated : booking))
}

const STATUS_TAG_TYPES: Record<BookingStatus, 'primary' | 'success' | 'info' | 'danger'> = {
  CONFIRMED: 'primary',
  ATTENDED: 'success',
  NO_SHOW: 'danger',
  CANCELLED: 'info',
}

export function bookingTagType(status: string): 'primary' | 'success' | 'info' | 'danger' {
  return STATUS_TAG_TYPES[status as BookingStatus] ?? 'info'
}

/** 09:00–09:30 of a booking or session. */
export function timeRange(item: { start: string; end: string }): string {
  return `${item.start}–${item.end}`
}

/**
 * Asks for the reason of a cancellation; the resident is told it. Resolves to the trimmed reason, or null when the
 * user backs out.
 */
export async function askCancelReason(booking: Booking): Promise<string | null> {
  const answer = await ElMessageBox.prompt(
    `取消 ${booking.personName} ${monthDay(booking.date)} ${timeRange(booking)} 的预约？取消后系统将通知预约的村民，并告知取消原因。`,
    '取消预约',
    {
      confirmButtonText: '取消预约',
      cancelButtonText: '返回',
      inputPlaceholder: '取消原因（必填，将告知村民）',
      inputValidator: (value: string) => {
        if (!value?.trim()) return '请填写取消原因'
        return value.trim().length <= 200 ? true : '取消原因不能超过 200 字'
      },
      type: 'warning',
    },
  ).catch(() => null)
  return answer ? answer.value.trim() : null
}

