import { request } from './http'

// Canned answers (常用回复, docs/questions.md): an advisor's own, and shared ones that admins keep for their region.
// The api fills the variables for a question when one is inserted into an answer.

export type CannedScope = 'PERSONAL' | 'SHARED'

/** The variables the api fills in (`POST …/canned-answers/{id}/render`), in the order the pages offer them. */
export const CANNED_VARIABLES = ['{村名}', '{提问人}', '{顾问姓名}', '{顾问电话}', '{事项}'] as const

export const CANNED_TITLE_MAX = 40
export const CANNED_TEXT_MAX = 2000

/** A canned answer as the api shows it (docs/questions.md, 常用回复). */
export interface CannedAnswer {
  id: string
  scope: CannedScope
  scopeLabel?: string
  title: string
  text: string
  /** A shared answer's region. */
  regionCode?: string | null
  regionName?: string | null
  topic?: string | null
  topicLabel?: string | null
  createdBy?: string | null
  updatedAt?: string | null
  /** Read with the answer and sent back with an edit: an edit of a stale copy is refused (409). */
  revision: number
  /** Whether the current user may change or delete it. */
  editable: boolean
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

/** The user's own canned answers and the shared ones of their regions (one list, at most 200 of each). */
export function listCannedAnswers(): Promise<CannedAnswer[]> {
  return request<CannedAnswer[]>(base)
}

export function createCannedAnswer(fields: CannedAnswerFields): Promise<CannedAnswer> {
  return request<CannedAnswer>(base, { method: 'POST', json: fields })
}

/** An edit: scope and region do not change; `revision` is the one read. */
export interface CannedAnswerEdit {
  title: string
  text: string
  revision: number
}

export function updateCannedAnswer(id: string, fields: CannedAnswerEdit): Promise<CannedAnswer> {
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
