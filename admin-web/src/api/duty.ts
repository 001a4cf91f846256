import { request } from './http'

export type DutyKind = 'ON_SITE' | 'DESK'
export type DutyMode = 'IN_PERSON' | 'PHONE' | 'VIDEO'
export type Frequency = 'WEEKLY' | 'MONTHLY' | 'ONCE'

export interface Recurrence {
  frequency: Frequency
  /** 1 = Monday … 7 = Sunday. */
  daysOfWeek?: number[]
  /** MONTHLY: 1..5, or -1 for the last week of the month. */
  weekOfMonth?: number
  /** ONCE: yyyy-MM-dd. */
  date?: string
  /** WEEKLY every n weeks (answered by the api, not in docs/directory.md); kept as it is when a rule is edited. */
  intervalWeeks?: number | null
}

export interface DutyException {
  date: string
  reason: string
}

export interface DutyRuleBody {
  advisorId: string
  kind: DutyKind
  /** ON_SITE. */
  villageCode?: string
  /** DESK: a township or county code. */
  stationCode?: string
  place: string
  mode: DutyMode
  recurrence: Recurrence
  /** HH:mm. */
  startTime: string
  endTime: string
  validFrom: string
  validUntil: string
  exceptions: DutyException[]
  /** Minutes per bookable slot; null: the server's default (30). */
  slotMinutes?: number | null
  /** People per slot; null: the server's default (1). */
  placesPerSlot?: number | null
}

export interface DutyRuleView extends DutyRuleBody {
  id: string
  advisorName?: string
  /** The api's own Chinese description of the times (not in docs/directory.md). */
  schedule?: string
}

export interface DutySessionView {
  id: string
  ruleId: string
  advisorId: string
  advisorName?: string
  kind: DutyKind
  villageCode?: string | null
  stationCode?: string | null
  date: string
  startAt: string
  endAt: string
  start?: string
  end?: string
  place: string
  mode: DutyMode
  /** PLANNED, CANCELLED, or DETACHED: no longer produced by its rule but kept because it has bookings. */
  status: string
  bookedCount: number
  cancelReason?: string | null
}

export interface DutyRuleSaved {
  rule: DutyRuleView
  /** How many sessions the rule now has. */
  sessions: number
  /** Sessions the change would have removed but that have bookings: kept, for the admin to decide. */
  keptWithBookings: DutySessionView[]
}

const rules = '/api/v1/admin/duty-rules'
const rule = (id: string) => `${rules}/${encodeURIComponent(id)}`

export function listDutyRules(filter: { village?: string; advisorId?: string }): Promise<DutyRuleView[]> {
  return request<DutyRuleView[]>(rules, { query: { ...filter } })
}

/** An overlap with another session of the same advisor is refused with 409 `SESSION_OVERLAP`. */
export function createDutyRule(body: DutyRuleBody): Promise<DutyRuleSaved> {
  return request<DutyRuleSaved>(rules, { method: 'POST', json: body })
}

export function updateDutyRule(id: string, body: DutyRuleBody): Promise<DutyRuleSaved> {
  return request<DutyRuleSaved>(rule(id), { method: 'PUT', json: body })
}

export function deleteDutyRule(id: string): Promise<DutyRuleSaved | undefined> {
  return request<DutyRuleSaved | undefined>(rule(id), { method: 'DELETE' })
}

export function listDutySessions(filter: { village: string; from?: string; to?: string }): Promise<DutySessionView[]> {
  return request<DutySessionView[]>('/api/v1/admin/duty-sessions', { query: { ...filter } })
}

export function cancelDutySession(id: string, reason: string): Promise<DutySessionView | undefined> {
  return request<DutySessionView | undefined>(`/api/v1/admin/duty-sessions/${encodeURIComponent(id)}/cancellation`, {
    method: 'POST',
    json: { reason },
  })
}
