import { request } from './http'

// Canned answers (常用回复, docs/questions.md): an advisor's own, and shared ones that admins keep for their region.
// The api fills the variables for a question when one is inserted into an answer.

export type CannedScope = 'PERSONAL' | 'SHARED'

/** The variables the api fills in (`POST …/canned-answers/{id}/render`), in the order the pages offer them. */
export const CANNED_VARIABLES = ['{村名}', '{提问人}', '{顾问姓名}', '{顾问电话}', '{事项}'] as const

export const CANNED_TITLE_MAX = 50
export const CANNED_TEXT_MAX = 2000

/**
 * A canned answer. docs/questions.md names only the endpoints and `scope`; the other fields are what the pages need
 * and read when present: who owns a personal one, which region a shared one is for, and whether the user may edit it.
 */
export interface CannedAnswer {
  id: string
  scope: CannedScope
  title: string
  text: string
  /** A shared answer's region. */
  regionCode?: string | null
  regionName?: string | null
  ownerName?: string | null
  /** Whether the current user may change or delete it; when absent, the page decides from the scope and roles. */
  editable?: boolean
  updatedAt?: string | null
}

export interface CannedAnswerFields {
  scope: CannedScope
  title: string
  text: string
  /** Required for a shared answer: the admin's region it is for. */
  regionCode?: string
}

const base = '/api/v1/canned-answers'
const one = (id: string) => `${base}/${encodeURIComponent(id)}`

/**
 * The user's own canned answers and the shared ones of their regions. The contract does not say whether the list is
 * a plain array or a page like the queue's; both are read.
 */
export async function listCannedAnswers(): Promise<CannedAnswer[]> {
  const answer = await request<CannedAnswer[] | { items: CannedAnswer[] }>(base)
  return Array.isArray(answer) ? answer : (answer?.items ?? [])
}

export function createCannedAnswer(fields: CannedAnswerFields): Promise<CannedAnswer> {
  return request<CannedAnswer>(base, { method: 'POST', json: fields })
}

export function updateCannedAnswer(id: string, fields: CannedAnswerFields): Promise<CannedAnswer> {
  return request<CannedAnswer>(one(id), { method: 'PUT', json: fields })
}

export function deleteCannedAnswer(id: string): Promise<void> {
  return request<void>(one(id), { method: 'DELETE' })
}

/** The canned answer's text with the question's village, asker, advisor and topic filled in. */
export function renderCannedAnswer(questionId: string, cannedId: string): Promise<{ text: string }> {
  return request<{ text: string }>(
    `/api/v1/questions/${encodeURIComponent(questionId)}/canned-answers/${encodeURIComponent(cannedId)}/render`,
    { method: 'POST' },
  )
}
