import { filterQuery, request, requestBlob, type Download } from './http'

// Questions and the shared answer queue (docs/questions.md): the advisors' queue and the questions they hold, a
// question with its thread and the holder's actions, attachments, and the admins' list, review and time-limit
// statistics.

export type QuestionStatus = 'HELD_FOR_REVIEW' | 'OPEN' | 'CLAIMED' | 'ANSWERED' | 'CLOSED' | 'REJECTED'
/** Whose queue an open question is in: its village's advisors, then the township's, then the county's. */
export type PoolLevel = 'VILLAGE' | 'TOWNSHIP' | 'COUNTY'
export type AttachmentKind = 'IMAGE' | 'VOICE' | 'DOCUMENT'
/** What the current user may do with a question now; pages show buttons from it. */
export type QuestionAction =
  | 'CLAIM'
  | 'RENEW'
  | 'ANSWER'
  | 'RELEASE'
  | 'TRANSFER'
  | 'REFER'
  | 'CLOSE'
  | 'FOLLOW_UP'
  | 'RATE'
  | 'REOPEN'
  | 'REVIEW'
export type MessageKind = 'QUESTION' | 'FOLLOW_UP' | 'ANSWER' | 'REFERRAL'
export type ReferralKind = 'BOOKING' | 'LEGAL_AID'
export type ReviewDecision = 'APPROVE' | 'REJECT'

export interface Attachment {
  id: string
  kind: AttachmentKind
  mediaType: string
  bytes: number
}

export interface ArticleLink {
  title: string
  url: string
}

export interface QuestionMessage {
  id: string
  kind: MessageKind
  authorName: string
  authorRole: string
  text: string
  attachments: Attachment[]
  article: ArticleLink | null
  referral: ReferralKind | null
  at: string
}

export interface HistoryEntry {
  at: string
  /** ASKED, CLAIMED, ANSWERED … (docs/questions.md). */
  action: string
  actorName: string | null
  actorRole: string | null
  fromStatus: QuestionStatus | null
  toStatus: QuestionStatus | null
  note: string | null
}

export interface Rating {
  stars: number
  tags: string[]
  comment: string | null
  at: string
}

export interface Claim {
  advisorId: string
  advisorName: string
  claimedAt: string
  /** The holder keeps the question until then unless the lease is renewed. */
  leaseUntil: string
}

export interface Asker {
  name: string
  /** Masked unless the asker allowed a call back and the viewer is staff. */
  phone: string | null
  callbackAllowed: boolean
  /** Forwarded by a legal-savvy resident for a neighbour. */
  forNeighbour: boolean
  navigatorName: string | null
}

export interface QuestionView {
  id: string
  villageCode: string
  villageName: string
  topic: string
  topicLabel: string
  text: string
  status: QuestionStatus
  statusLabel: string
  poolLevel: PoolLevel
  urgent: boolean
  /** 高龄、残疾、重病、未成年人. */
  greenChannel: boolean
  channel: 'MINI_PROGRAM' | 'OFFICIAL_ACCOUNT'
  contentCheck: 'PASS' | 'REVIEW' | 'UNCHECKED'
  asker: Asker
  attachments: Attachment[]
  claim: Claim | null
  /** Oldest first; the question itself is the first message. */
  messages: QuestionMessage[]
  history: HistoryEntry[]
  rating: Rating | null
  askedAt: string
  firstClaimedAt: string | null
  firstAnsweredAt: string | null
  closedAt: string | null
  reopenUntil: string | null
  /** When an open question moves on to the next pool. */
  escalateAt: string | null
  actions: QuestionAction[]
}

export interface QueueItem {
  id: string
  villageCode: string
  villageName: string
  topic: string
  topicLabel: string
  /** The first 80 characters. */
  excerpt: string
  status: QuestionStatus
  statusLabel: string
  poolLevel: PoolLevel
  urgent: boolean
  greenChannel: boolean
  askedAt: string
  escalateAt: string | null
  leaseUntil: string | null
  answered: boolean
}

export interface QueuePage {
  items: QueueItem[]
  /** Null on the last page. */
  nextCursor: string | null
}

/** The api's page size: 1 to 50, 20 unless asked. */
export const QUEUE_PAGE_SIZE = 20
export const QUEUE_PAGE_MAX = 50

const question = (id: string) => `/api/v1/questions/${encodeURIComponent(id)}`

/** Open questions this advisor may claim now, urgent first, then the green channel, then the oldest. */
export function listQueue(cursor?: string, limit = QUEUE_PAGE_SIZE): Promise<QueuePage> {
  return request<QueuePage>('/api/v1/queue', { query: { cursor, limit: String(limit) } })
}

/** The questions this advisor holds (at most a handful), with their lease times. */
export function listHeldQuestions(): Promise<QueuePage> {
  return request<QueuePage>('/api/v1/queue/mine')
}

export function getQuestion(id: string): Promise<QuestionView> {
  return request<QuestionView>(question(id))
}

/** 409 `ALREADY_CLAIMED` when another advisor was quicker, 409 `CLAIM_LIMIT_REACHED` when holding too many. */
export function claimQuestion(id: string): Promise<QuestionView> {
  return request<QuestionView>(`${question(id)}/claim`, { method: 'POST' })
}

/** Moves the holder's lease on (by 15 minutes on the api's default). */
export function renewLease(id: string): Promise<QuestionView> {
  return request<QuestionView>(`${question(id)}/lease`, { method: 'POST' })
}

export interface Answer {
  text: string
  attachmentIds?: string[]
  article?: ArticleLink
}

export function answerQuestion(id: string, answer: Answer): Promise<QuestionView> {
  return request<QuestionView>(`${question(id)}/answer`, { method: 'POST', json: answer })
}

/** Puts the question back in the queue, with an optional note for the next advisor. */
export function releaseQuestion(id: string, note?: string): Promise<QuestionView> {
  return request<QuestionView>(`${question(id)}/release`, { method: 'POST', json: note ? { note } : {} })
}

export function transferQuestion(id: string, advisorId: string, note: string): Promise<QuestionView> {
  return request<QuestionView>(`${question(id)}/transfer`, { method: 'POST', json: { advisorId, note } })
}

/** Answers with a referral: to a consultation in person, or to legal aid. */
export function referQuestion(id: string, kind: ReferralKind, text: string): Promise<QuestionView> {
  return request<QuestionView>(`${question(id)}/referral`, { method: 'POST', json: { kind, text } })
}

export function closeQuestion(id: string): Promise<QuestionView> {
  return request<QuestionView>(`${question(id)}/close`, { method: 'POST' })
}

/** The largest files the api takes: images (JPEG, PNG) and voice clips (MP3, AAC, M4A). */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024
export const VOICE_MAX_BYTES = 2 * 1024 * 1024

/** Uploads a file for an answer; the server recognises the kind by content and drops it if unused for 24 h. */
export function uploadAttachment(file: File): Promise<Attachment> {
  const multipart = new FormData()
  multipart.append('file', file)
  return request<Attachment>('/api/v1/questions/attachments', { method: 'POST', multipart })
}

/** A file of the question's thread; behind the bearer token, so it is fetched rather than linked. */
export function downloadAttachment(questionId: string, attachmentId: string): Promise<Download> {
  return requestBlob(`${question(questionId)}/attachments/${encodeURIComponent(attachmentId)}`)
}

// Admins.

export interface AdminQuestionFilter {
  /** A region code; none = the admin's own regions. */
  region?: string
  status?: QuestionStatus
  topic?: string
  /** Days asked, yyyy-MM-dd in Asia/Shanghai, both included. */
  from?: string
  to?: string
}

/** One page of the region's questions, newest first. */
export function listAdminQuestions(filter: AdminQuestionFilter, cursor?: string, limit = QUEUE_PAGE_SIZE): Promise<QueuePage> {
  return request<QueuePage>('/api/v1/admin/questions', { query: { ...filterQuery(filter), cursor, limit: String(limit) } })
}

/** Approves (→ `OPEN`) or rejects (→ `REJECTED`) a question held by the content check. */
export function reviewQuestion(id: string, decision: ReviewDecision, reason?: string): Promise<QuestionView> {
  return request<QuestionView>(`/api/v1/admin/questions/${encodeURIComponent(id)}/review`, {
    method: 'POST',
    json: reason ? { decision, reason } : { decision },
  })
}

/**
 * The api's time-limit statistics. docs/questions.md names what they hold (per advisor and per village: counts, time
 * to first claim, first answer and resolution as median and p90, breaches, average rating) but not the field names,
 * so the rows are read loosely and turned into {@link SlaLine}s by {@link slaLines}.
 */
export interface SlaStats {
  region?: string
  from?: string
  to?: string
  byAdvisor?: Record<string, unknown>[]
  byVillage?: Record<string, unknown>[]
}

export function getSlaStats(filter: { region?: string; from?: string; to?: string }): Promise<SlaStats> {
  return request<SlaStats>('/api/v1/admin/questions/sla', { query: filterQuery(filter) })
}

/** Median and 90th percentile in seconds; null where the api gave none (nothing measured). */
export interface SlaTiming {
  median: number | null
  p90: number | null
}

/** One advisor's or village's row, whichever way the api spelled it. */
export interface SlaLine {
  key: string
  name: string
  asked: number | null
  answered: number | null
  closed: number | null
  firstClaim: SlaTiming
  firstAnswer: SlaTiming
  resolution: SlaTiming
  breaches: number | null
  averageRating: number | null
  ratings: number | null
}

type Raw = Record<string, unknown>

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value)
const numberOf = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const textOf = (value: unknown): string | null => (typeof value === 'string' && value ? value : null)

/** The first of `names` that holds a number, on the row or in its `counts`. */
function countOf(row: Raw, ...names: string[]): number | null {
  const counts = isRecord(row.counts) ? row.counts : {}
  for (const name of names) {
    const value = numberOf(row[name]) ?? numberOf(counts[name])
    if (value !== null) return value
  }
  return null
}

const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/

/** Seconds of a duration written as seconds or as ISO-8601 (PT1H30M, as Java's Duration prints); else null. */
export function durationSeconds(value: unknown): number | null {
  const seconds = numberOf(value)
  if (seconds !== null) return seconds
  const match = typeof value === 'string' ? ISO_DURATION.exec(value) : null
  if (!match || value === 'P' || value === 'PT') return null
  const [, days, hours, minutes, secs] = match.map((part) => Number(part ?? 0))
  return days! * 86_400 + hours! * 3600 + minutes! * 60 + secs!
}

/** `{median, p90}` under one of `names`, or flat `<name>Median` / `<name>P90` fields. */
function timingOf(row: Raw, ...names: string[]): SlaTiming {
  for (const name of names) {
    const nested = row[name]
    if (isRecord(nested)) return { median: durationSeconds(nested.median), p90: durationSeconds(nested.p90) }
    const median = durationSeconds(row[`${name}Median`])
    const p90 = durationSeconds(row[`${name}P90`])
    if (median !== null || p90 !== null) return { median, p90 }
  }
  return { median: null, p90: null }
}

/** A count, or the sum of the counts per kind of breach. */
function breachesOf(row: Raw): number | null {
  const value = row.breaches ?? row.breachCount
  if (isRecord(value)) {
    const counts = Object.values(value).map(numberOf).filter((count): count is number => count !== null)
    return counts.length ? counts.reduce((sum, count) => sum + count, 0) : null
  }
  return numberOf(value)
}

function slaLine(row: Raw, index: number): SlaLine {
  const key = textOf(row.id) ?? textOf(row.advisorId) ?? textOf(row.villageCode) ?? textOf(row.code) ?? String(index)
  const rating = isRecord(row.rating) ? row.rating : {}
  return {
    key,
    name: textOf(row.name) ?? textOf(row.advisorName) ?? textOf(row.villageName) ?? key,
    asked: countOf(row, 'asked', 'questions', 'total', 'count'),
    answered: countOf(row, 'answered'),
    closed: countOf(row, 'closed', 'resolved'),
    firstClaim: timingOf(row, 'firstClaim', 'timeToFirstClaim', 'toFirstClaim'),
    firstAnswer: timingOf(row, 'firstAnswer', 'timeToFirstAnswer', 'toFirstAnswer'),
    resolution: timingOf(row, 'resolution', 'timeToResolution', 'toResolution'),
    breaches: breachesOf(row),
    averageRating: numberOf(row.averageRating) ?? numberOf(row.ratingAverage) ?? numberOf(rating.average),
    ratings: numberOf(row.ratings) ?? numberOf(row.ratingCount) ?? numberOf(rating.count),
  }
}

/** The rows of one table of the statistics; anything that is not an object is left out. */
export function slaLines(rows: unknown): SlaLine[] {
  return Array.isArray(rows) ? rows.filter(isRecord).map(slaLine) : []
}
