import { request } from './http'

export type NavigatorRole =
  | 'VILLAGE_COMMITTEE'
  | 'MEDIATOR'
  | 'GRID_WORKER'
  | 'GROUP_LEADER'
  | 'VETERAN'
  | 'PARTY_MEMBER'
  | 'OTHER'

export const NAVIGATOR_ROLES: { value: NavigatorRole; label: string }[] = [
  { value: 'VILLAGE_COMMITTEE', label: '村两委' },
  { value: 'MEDIATOR', label: '调解员' },
  { value: 'GRID_WORKER', label: '网格员' },
  { value: 'GROUP_LEADER', label: '村民小组长' },
  { value: 'VETERAN', label: '退役军人' },
  { value: 'PARTY_MEMBER', label: '党员' },
  { value: 'OTHER', label: '其他' },
]

/** The 1+N action asks for at least this many legal-savvy residents per village. */
export const MIN_NAVIGATORS = 6

export interface NavigatorView {
  id: string
  villageCode: string
  name: string
  role: NavigatorRole
  roleLabel: string
  /** Masked. */
  phone: string
  /** The person agreed to show their phone on the notice board. */
  phoneConsent: boolean
  status: 'INVITED' | 'ACTIVE'
  joinedAt: string | null
}

export interface NavigatorFields {
  name: string
  role: NavigatorRole
  /** Optional; when editing, leaving it out keeps the current number (the view only has it masked). */
  phone?: string
  phoneConsent: boolean
}

export interface Invite {
  inviteCode: string
  inviteExpiresAt: string
}

export interface NavigatorCreated extends Invite {
  navigator: NavigatorView
}

const base = '/api/v1/admin/navigators'
const one = (id: string) => `${base}/${encodeURIComponent(id)}`

export function listNavigators(village: string): Promise<NavigatorView[]> {
  return request<NavigatorView[]>(base, { query: { village } })
}

/** The invite code in the answer is shown once and is valid for 7 days. */
export function createNavigator(villageCode: string, fields: NavigatorFields): Promise<NavigatorCreated> {
  return request<NavigatorCreated>(base, { method: 'POST', json: { villageCode, ...fields } })
}

export function updateNavigator(id: string, fields: NavigatorFields): Promise<NavigatorView> {
  return request<NavigatorView>(one(id), { method: 'PUT', json: fields })
}

export function removeNavigator(id: string): Promise<void> {
  return request<void>(one(id), { method: 'DELETE' })
}

/** A fresh invite code; the old one stops working. */
export function reissueInvite(id: string): Promise<Invite> {
  return request<Invite>(`${one(id)}/invite`, { method: 'POST' })
}
