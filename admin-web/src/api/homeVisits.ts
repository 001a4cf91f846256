import { request } from './http'

// Home visits (上门服务) for residents who cannot travel: the advisors of their villages and the admins of
// their region schedule, decline and complete them.

export type HomeVisitStatus = 'REQUESTED' | 'SCHEDULED' | 'DECLINED' | 'COMPLETED' | 'CANCELLED'
export type Eligibility = 'ELDERLY' | 'DISABLED' | 'SERIOUSLY_ILL'

export interface HomeVisitEvent {
  status: HomeVisitStatus
  /** The acting user's id. */
  by: string
  byName: string
  at: string
  note: string | null
}

export interface HomeVisit {
  id: string
  status: HomeVisitStatus
  villageCode: string
  villageName: string
  address: string
  reason: string
  eligibility: Eligibility
  contactName: string
  /** Masked, e.g. 139****5678. */
  contactPhone: string
  /** The resident's own words, e.g. 工作日上午. */
  preferredTimes: string
  /** Asked for by a legal-savvy resident on a neighbour's behalf. */
  forNeighbour: boolean
  requestedByName: string
  advisorId: string | null
  advisorName: string | null
  /** ISO instants, once scheduled. */
  startAt: string | null
  endAt: string | null
  note: string | null
  declineReason: string | null
  createdAt: string
  /** Oldest first. */
  history: HomeVisitEvent[]
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
  note: string
}

/** Advisors get their villages' requests, admins those of their region. */
export function listHomeVisits(filter: HomeVisitFilter = {}): Promise<HomeVisit[]> {
  return request<HomeVisit[]>('/api/v1/home-visits', {
    query: { status: filter.status || undefined, village: filter.village || undefined, region: filter.region || undefined },
  })
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
