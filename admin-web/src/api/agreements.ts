import { request, requestBlob, type Download } from './http'

export interface AgreementView {
  id: string
  advisorId: string
  advisorName: string
  villageCode: string
  villageName: string
  /** yyyy-MM-dd (Asia/Shanghai). */
  startDate: string
  endDate: string
  filed: boolean
  filedAt: string | null
  hasFile: boolean
  fileName: string | null
  terminatedAt: string | null
  /** Filed, today within the period and not terminated: the advisor is the village's advisor. */
  active: boolean
}

export interface CreateAgreement {
  advisorId: string
  villageCode: string
  startDate: string
  endDate: string
}

export interface AgreementFilter {
  region?: string
  advisorId?: string
  village?: string
}

const base = '/api/v1/admin/agreements'
const one = (id: string) => `${base}/${encodeURIComponent(id)}`

export function listAgreements(filter: AgreementFilter = {}): Promise<AgreementView[]> {
  return request<AgreementView[]>(base, { query: { ...filter } })
}

/** Overlapping periods for the same advisor and village are refused with 409 `AGREEMENT_OVERLAP`. */
export function createAgreement(body: CreateAgreement): Promise<AgreementView> {
  return request<AgreementView>(base, { method: 'POST', json: body })
}

export const AGREEMENT_FILE_MAX_BYTES = 10 * 1024 * 1024

/** The signed agreement: PDF, JPEG or PNG, at most 10 MB. */
export function uploadAgreementFile(id: string, file: File): Promise<AgreementView | undefined> {
  const multipart = new FormData()
  multipart.append('file', file)
  return request<AgreementView | undefined>(`${one(id)}/file`, { method: 'PUT', multipart })
}

export function downloadAgreementFile(id: string): Promise<Download> {
  return requestBlob(`${one(id)}/file`)
}

/** Marks the agreement filed with the county (备案). */
export function fileAgreement(id: string): Promise<AgreementView | undefined> {
  return request<AgreementView | undefined>(`${one(id)}/filing`, { method: 'POST' })
}

export function terminateAgreement(id: string): Promise<AgreementView | undefined> {
  return request<AgreementView | undefined>(`${one(id)}/termination`, { method: 'POST' })
}

export type AgreementState = 'TERMINATED' | 'ACTIVE' | 'NOT_STARTED' | 'EXPIRED' | 'AWAITING_FILING'

/** Whether the agreement is in force, from the view's fields; `today` is yyyy-MM-dd in Asia/Shanghai. */
export function agreementState(agreement: AgreementView, today: string): AgreementState {
  if (agreement.terminatedAt) return 'TERMINATED'
  if (agreement.active) return 'ACTIVE'
  if (today < agreement.startDate) return 'NOT_STARTED'
  if (today > agreement.endDate) return 'EXPIRED'
  // Within its period but not filed: not yet in force.
  return 'AWAITING_FILING'
}

export const AGREEMENT_STATE_LABELS: Record<AgreementState, string> = {
  TERMINATED: '已终止',
  ACTIVE: '生效中',
  NOT_STARTED: '未开始',
  EXPIRED: '已到期',
  AWAITING_FILING: '待备案生效',
}
