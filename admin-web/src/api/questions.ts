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

/** An advisor the holder may hand the question to: the county's, the village's own first. */
export interface TransferCandidate {
  advisorId: string
  name: string
  servesVillage: boolean
}

export function listTransferCandidates(id: string): Promise<TransferCandidate[]> {
  return request<TransferCandidate[]>(`${question(id)}/transfer-candidates`)
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

/** Figures of a set of questions (`GET /api/v1/admin/questions/sla`); times in minutes, null where none was measured. */
export interface SlaFigures {
  questions: number
  answered: number
  closed: number
  claimMedian: number | null
  claimP90: number | null
  answerMedian: number | null
  answerP90: number | null
  resolutionMedian: number | null
  resolutionP90: number | null
  claimBreaches: number
  answerBreaches: number
  resolutionBreaches: number
  ratings: number
  averageStars: number | null
}

/** One advisor (the last who answered) or one village. */
export interface SlaRow {
  id: string
  name: string
  figures: SlaFigures
}

/** The time-limit statistics of a region and period (Beijing dates, both included). */
export interface SlaStats {
  regionCode: string
  from: string
  to: string
  total: SlaFigures
  byAdvisor: SlaRow[]
  byVillage: SlaRow[]
}

export function getSlaStats(filter: { region?: string; from?: string; to?: string }): Promise<SlaStats> {
  return request<SlaStats>('/api/v1/admin/questions/sla', { query: filterQuery(filter) })
}

/** Median and 90th percentile in seconds; null where nothing was measured. */
export interface SlaTiming {
  median: number | null
  p90: number | null
}

/** One row of a statistics table, as the page shows it. */
export interface SlaLine {
  key: string
  name: string
  asked: number
  answered: number
  closed: number
  firstClaim: SlaTiming
  firstAnswer: SlaTiming
  resolution: SlaTiming
  breaches: number
  averageRating: number | null
  ratings: number
}

const seconds = (minutes: number | null): number | null => (minutes === null ? null : minutes * 60)

/** The rows of one table of the statistics. */
export function slaLines(rows: SlaRow[] | undefined): SlaLine[] {
  return (rows ?? []).map(({ id, name, figures }) => ({
    key: id,
    name,
    asked: figures.questions,
    answered: figures.answered,
    closed: figures.closed,
    firstClaim: { median: seconds(figures.claimMedian), p90: seconds(figures.claimP90) },
    firstAnswer: { median: seconds(figures.answerMedian), p90: seconds(figures.answerP90) },
    resolution: { median: seconds(figures.resolutionMedian), p90: seconds(figures.resolutionP90) },
    breaches: figures.claimBreaches + figures.answerBreaches + figures.resolutionBreaches,
    averageRating: figures.averageStars,
    ratings: figures.ratings,
  }))
}
