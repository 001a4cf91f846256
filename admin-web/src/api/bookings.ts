import { filterQuery, request, requestBlob, type Download } from './http'
import type { DutyKind, DutyMode } from './duty'

// Consultation bookings: an advisor's own day or week, the admins' list, export and no-show rates.

export type BookingStatus = 'CONFIRMED' | 'CANCELLED' | 'ATTENDED' | 'NO_SHOW'
export type BookingMode = DutyMode
export type CancelledByRole = 'RESIDENT' | 'ADVISOR' | 'ADMIN'
export type AttendanceOutcome = 'ATTENDED' | 'NO_SHOW'

/** The longest note an advisor may keep on a booking. */
export const NOTE_MAX_LENGTH = 500

export interface Booking {
  id: string
  status: BookingStatus
  slotId: string
  sessionId: string
  villageCode: string
  villageName: string
  kind: DutyKind
  place: string
  /** yyyy-MM-dd in Asia/Shanghai. */
  date: string
  /** ISO instants. */
  startAt: string
  endAt: string
  /** HH:mm in Asia/Shanghai. */
  start: string
  end: string
  mode: BookingMode
  advisorId: string
  advisorName: string
  topic: string
  topicLabel: string
  description: string
  personName: string
  /** Masked, e.g. 139****5678. */
  personPhone: string
  /** Booked by a legal-savvy resident for a neighbour. */
  forNeighbour: boolean
  bookedByName: string | null
  /** Until when the resident may still change or cancel it. */
  changeUntil: string | null
  canChange: boolean
  cancelReason: string | null
  cancelledByRole: CancelledByRole | null
  cancelledAt: string | null
  note: string | null
  attendanceAt: string | null
  createdAt: string
}

export interface ScheduleSession {
  sessionId: string
  date: string
  /** HH:mm in Asia/Shanghai. */
  start: string
  end: string
  kind: DutyKind
  place: string
  villageCode: string | null
  regionName: string | null
  mode: BookingMode
  status: 'PLANNED' | 'CANCELLED' | 'DETACHED'
  capacity: number
  booked: number
  bookings: Booking[]
}

export interface Schedule {
  from: string
  to: string
  sessions: ScheduleSession[]
}

/** Days in Asia/Shanghai, yyyy-MM-dd, both included. */
export interface DateRange {
  from: string
  to: string
}

/** The signed-in advisor's own sessions and their bookings. */
export function getMySchedule(range: DateRange): Promise<Schedule> {
  return request<Schedule>('/api/v1/advisor/bookings', { query: { from: range.from, to: range.to } })
}

/** The same for any advisor in the admin's region. */
export function getAdvisorSchedule(advisorId: string, range: DateRange): Promise<Schedule> {
  return request<Schedule>('/api/v1/admin/bookings/schedule', { query: { advisorId, from: range.from, to: range.to } })
}

const booking = (id: string) => `/api/v1/bookings/${encodeURIComponent(id)}`

/** Only once the booking has begun; earlier the server answers 409 with the reason. */
export function recordAttendance(id: string, outcome: AttendanceOutcome): Promise<Booking | undefined> {
  return request<Booking | undefined>(`${booking(id)}/attendance`, { method: 'POST', json: { outcome } })
}

/** The advisor's note (at most {@link NOTE_MAX_LENGTH} characters; empty removes it). */
export function saveBookingNote(id: string, note: string): Promise<Booking | undefined> {
  return request<Booking | undefined>(`${booking(id)}/note`, { method: 'PUT', json: { note } })
}

/** Cancels on the resident's behalf; the resident is told, with the reason. */
export function cancelBooking(id: string, reason: string): Promise<Booking | undefined> {
  return request<Booking | undefined>(`${booking(id)}/cancel`, { method: 'POST', json: { reason } })
}

export interface BookingFilter {
  /** A region code (county, township): the bookings of its villages. */
  region?: string
  village?: string
  advisorId?: string
  status?: BookingStatus
  topic?: string
  /** Booking days, yyyy-MM-dd, both included. */
  from?: string
  to?: string
}

export interface BookingPage {
  items: Booking[]
  total: number
  page: number
  size: number
}

export const PAGE_SIZE = 20

/** One page (0-based) of the bookings in the admin's region, with empty filters left out. */
export function listBookings(filter: BookingFilter, page = 0, size = PAGE_SIZE): Promise<BookingPage> {
  return request<BookingPage>('/api/v1/admin/bookings', {
    query: { ...filterQuery(filter), page: String(page), size: String(size) },
  })
}

/** Every booking matching the filter as CSV; needs the bearer token, so it is fetched rather than linked. */
export function downloadBookingsCsv(filter: BookingFilter): Promise<Download> {
  return requestBlob('/api/v1/admin/bookings.csv', { query: filterQuery(filter), accept: 'text/csv, application/problem+json' })
}

export interface NoShowRow {
  /** Bookings whose time has passed: attended or not. */
  finished: number
  noShows: number
  /** 0..1; null when nothing has finished. */
  rate: number | null
}

/**
 * One advisor's or village's rate. The api (`NoShowRow` in docs/booking.md) answers `id` and `name`; the first
 * sketch of the page named them `advisorId`/`advisorName` and `villageCode`/`villageName`, which are read too.
 */
export interface NoShowEntry extends NoShowRow {
  id?: string
  name?: string
  advisorId?: string
  advisorName?: string
  villageCode?: string
  villageName?: string
}

export interface NoShowStats extends NoShowRow {
  region: string
  from: string
  to: string
  /** Worst first. */
  byAdvisor: NoShowEntry[]
  byVillage: NoShowEntry[]
}

/** The key and the name of a row, whichever shape it came in. */
export function noShowKey(row: NoShowEntry): string {
  return row.id ?? row.advisorId ?? row.villageCode ?? ''
}

export function noShowName(row: NoShowEntry): string {
  return row.name ?? row.advisorName ?? row.villageName ?? noShowKey(row)
}

/** Defaults to the last 90 days on the server. */
export function getNoShowStats(filter: { region?: string; from?: string; to?: string }): Promise<NoShowStats> {
  return request<NoShowStats>('/api/v1/admin/bookings/no-shows', { query: filterQuery(filter) })
}
