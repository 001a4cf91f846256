import { request } from './http'

export interface VillageRef {
  code: string
  name: string
}

export interface AdvisorView {
  id: string
  name: string
  lawFirm: string
  licenceNo: string
  /** Masked, e.g. 139****5678. */
  phone: string
  publicPhone: string
  serviceScope: string
  regionCode: string
  username: string
  photoUrl: string | null
  villages: VillageRef[]
}

export interface AdvisorFields {
  name: string
  lawFirm: string
  licenceNo: string
  phone: string
  /** Optional: shown on the notice board. */
  publicPhone?: string
  serviceScope: string
}

export interface CreateAdvisor extends AdvisorFields {
  regionCode: string
  username: string
}

export interface AdvisorCreated {
  advisor: AdvisorView
  /** The staff account's first password: shown once, never again. */
  initialPassword: string
}

export function listAdvisors(filter: { region?: string; q?: string } = {}): Promise<AdvisorView[]> {
  return request<AdvisorView[]>('/api/v1/admin/advisors', { query: { region: filter.region, q: filter.q || undefined } })
}

export function getAdvisor(id: string): Promise<AdvisorView> {
  return request<AdvisorView>(`/api/v1/admin/advisors/${encodeURIComponent(id)}`)
}

export function createAdvisor(body: CreateAdvisor): Promise<AdvisorCreated> {
  return request<AdvisorCreated>('/api/v1/admin/advisors', { method: 'POST', json: body })
}

/** `phone` may be left out to keep the current number (the view only has it masked). */
export function updateAdvisor(id: string, body: Omit<AdvisorFields, 'phone'> & { phone?: string }): Promise<AdvisorView> {
  return request<AdvisorView>(`/api/v1/admin/advisors/${encodeURIComponent(id)}`, { method: 'PUT', json: body })
}

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024

/** JPEG or PNG, at most 2 MB (the server checks the content, not the name). */
export function uploadAdvisorPhoto(id: string, file: File): Promise<AdvisorView | undefined> {
  const multipart = new FormData()
  multipart.append('file', file)
  return request<AdvisorView | undefined>(`/api/v1/admin/advisors/${encodeURIComponent(id)}/photo`, {
    method: 'PUT',
    multipart,
  })
}
