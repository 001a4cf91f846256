import { request } from './http'

// Home visits (上门服务) for residents who cannot travel: the advisors of their villages and the admins of
// their region schedule, decline and complete them.

export type HomeVisitStatus = 'REQUESTED' | 'SCHEDULED' | 'DECLINED' | 'COMPLETED' | 'CANCELLED'
export type Eligibility = 'ELDERLY' | 'DISABLED' | 'SERIOUSLY_ILL'

export interface HomeVisitEvent {
  status: HomeVisitStatus
  statusLabel?: string
  /** The acting user's id. */
  by: string
  /** In the brief of this page; the homevisit branch's api answers only `by`. */
  byName?: string | null
  at: string
  note?: string | null
}

/**
 * A request as the staff list answers it. The homevisit branch's api (docs/home-visits.md) leaves out empty
 * fields and keeps separate notes for scheduling, declining, cancelling and completing; the first sketch of this
 * page had one `note` and the requester's name, which are read too when present.
 */
export interface HomeVisit {
  id: string
  status: HomeVisitStatus
  statusLabel?: string
  villageCode: string
  villageName: string
  address: string
  reason: string
  eligibility: Eligibility
  eligibilityLabel?: string
  contactName: string
  /** Masked, e.g. 139****5678. */
  contactPhone: string
  /** The resident's own words, e.g. 工作日上午. */
  preferredTimes?: string | null
  /** Asked for by a legal-savvy resident on a neighbour's behalf. */
  forNeighbour: boolean
  /** How the neighbour agreed (口头同意 …). */
  consent?: { method: string; methodLabel?: string; note?: string | null } | null
  requestedByName?: string | null
  advisorId?: string | null
  advisorName?: string | null
  /** ISO instants, once scheduled. */
  startAt?: string | null
  endAt?: string | null
  /** The staff's note with the schedule. */
  scheduleNote?: string | null
  note?: string | null
  /** 1 for the first schedule, one more for each move. */
  scheduleVersion?: number
  declineReason?: string | null
  cancelReason?: string | null
  completionNote?: string | null
  createdAt: string
  updatedAt?: string
  /** Oldest first. */
  history: HomeVisitEvent[]
}

/** Waiting requests first, the seriously ill first among them; `nextCursor` is null on the last page. */
export interface HomeVisitPage {
  items: HomeVisit[]
  nextCursor: string | null
}

export interface HomeVisitFilter {
  status?: HomeVisitStatus
  village?: string
  region?: string
}

export interface ScheduleHomeVisit {
  /** ISO instants with offset. */
  startAt: string
  endAt: string
  /** Required of an admin; an advisor schedules themself. */
  advisorId?: string
  /** At most {@link NOTE_MAX_LENGTH} characters. */
  note: string
}

/** The longest note or reason the api takes with an action. */
export const NOTE_MAX_LENGTH = 200

/** The longest visit the api lets staff arrange. */
export const MAX_VISIT_HOURS = 4

/**
 * One page of the requests: advisors get their villages', admins their region's. A plain array (as the page's
 * brief described the answer) is taken as the only page.
 */
export async function listHomeVisits(filter: HomeVisitFilter = {}, cursor?: string): Promise<HomeVisitPage> {
  const answer = await request<HomeVisitPage | HomeVisit[]>('/api/v1/home-visits', {
    query: {
      status: filter.status || undefined,
      village: filter.village || undefined,
      region: filter.region || undefined,
      cursor,
    },
  })
  return Array.isArray(answer) ? { items: answer, nextCursor: null } : { items: answer.items, nextCursor: answer.nextCursor ?? null }
}

// The actions answer the visit as it now stands (or nothing, in which case the list is read again).
const visit = (id: string) => `/api/v1/home-visits/${encodeURIComponent(id)}`

export function scheduleHomeVisit(id: string, body: ScheduleHomeVisit): Promise<HomeVisit | undefined> {
  return request<HomeVisit | undefined>(`${visit(id)}/schedule`, { method: 'POST', json: body })
}

/** The resident is told the reason. */
export function declineHomeVisit(id: string, reason: string): Promise<HomeVisit | undefined> {
  return request<HomeVisit | undefined>(`${visit(id)}/decline`, { method: 'POST', json: { reason } })
}

export function completeHomeVisit(id: string, note: string): Promise<HomeVisit | undefined> {
  return request<HomeVisit | undefined>(`${visit(id)}/complete`, { method: 'POST', json: { note } })
}
