// The question pages' logic, kept out of the components so that it can be tested on its own.
import { ApiProblem } from '@/api/http'
import { claimQuestion, IMAGE_MAX_BYTES, VOICE_MAX_BYTES, type PoolLevel, type QuestionStatus, type QuestionView } from '@/api/questions'
import { showError } from '@/utils/errors'
import { formatDateTime, formatTime } from '@/utils/format'
import { poolLevelLabel } from '@/utils/labels'

/** How often the queue and the held questions are read again while the page is visible. */
export const QUEUE_REFRESH_MS = 30_000

/** How often the holder's page renews the lease (the api's lease is 15 minutes). */
export const LEASE_RENEW_MS = 5 * 60_000

/** The longest note with a release or transfer, and the longest answer or referral text. */
export const NOTE_MAX_LENGTH = 200
export const TEXT_MAX_LENGTH = 2000

/** At most this many files with one answer (as with a question's images). */
export const MAX_ANSWER_ATTACHMENTS = 9

/** 25 分钟, 3 小时 5 分, 2 天 4 小时; "不到 1 分钟" below a minute. */
export function durationText(seconds: number): string {
  const minutes = Math.floor(seconds / 60)
  if (minutes < 1) return '不到 1 分钟'
  if (minutes < 60) return `${minutes} 分钟`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return minutes % 60 ? `${hours} 小时 ${minutes % 60} 分` : `${hours} 小时`
  const days = Math.floor(hours / 24)
  return hours % 24 ? `${days} 天 ${hours % 24} 小时` : `${days} 天`
}

/** How long the asker has been waiting: 已等待 3 小时 5 分. */
export function waitingText(askedAt: string, now: number): string {
  return `已等待 ${durationText(Math.max(0, now - Date.parse(askedAt)) / 1000)}`
}

const NEXT_POOL: Partial<Record<PoolLevel, PoolLevel>> = { VILLAGE: 'TOWNSHIP', TOWNSHIP: 'COUNTY' }

/** When an open question widens to the next pool: 12/08 12:30 起转乡镇统筹; empty when it cannot or will not. */
export function escalationText(item: { status: QuestionStatus; poolLevel: PoolLevel; escalateAt: string | null }): string {
  const next = NEXT_POOL[item.poolLevel]
  if (item.status !== 'OPEN' || !item.escalateAt || !next) return ''
  return `${formatDateTime(item.escalateAt)} 起转${poolLevelLabel(next)}`
}

/** 认领将于 10:15 到期. */
export function leaseText(leaseUntil: string): string {
  return `认领将于 ${formatTime(leaseUntil)} 到期`
}

/** Whole minutes left on a lease (0 once it has run out). */
export function minutesLeft(leaseUntil: string, now: number): number {
  return Math.max(0, Math.floor((Date.parse(leaseUntil) - now) / 60_000))
}

/** Whether the lease runs out before the next renewal would come round. */
export function leaseEndsSoon(leaseUntil: string | undefined, now: number): boolean {
  return !!leaseUntil && Date.parse(leaseUntil) - now <= LEASE_RENEW_MS
}

/** Voice clips as browsers type MP3, AAC and M4A files (some leave the type empty: the name decides then). */
const VOICE_TYPES = ['audio/mpeg', 'audio/mp3', 'audio/aac', 'audio/mp4', 'audio/x-m4a', 'audio/m4a']

/** Why a file cannot go with an answer, or null: JPEG/PNG up to 5 MB, MP3/AAC/M4A voice up to 2 MB. */
export function attachmentProblem(file: File): string | null {
  if (['image/jpeg', 'image/png'].includes(file.type)) {
    return file.size > IMAGE_MAX_BYTES ? `图片“${file.name}”超过 5 MB` : null
  }
  if (VOICE_TYPES.includes(file.type) || /\.(mp3|aac|m4a)$/i.test(file.name)) {
    return file.size > VOICE_MAX_BYTES ? `语音“${file.name}”超过 2 MB` : null
  }
  return `“${file.name}”不是 JPG/PNG 图片或 MP3/AAC/M4A 语音`
}

/** 120 KB, 1.5 MB. */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`
}

/** A masked phone (139****5678) cannot be called; a full one can. */
export function callable(phone: string | null | undefined): phone is string {
  return !!phone && /^[\d+\-\s]+$/.test(phone)
}

const STATUS_TAG_TYPES: Record<QuestionStatus, 'primary' | 'success' | 'info' | 'warning' | 'danger'> = {
  HELD_FOR_REVIEW: 'warning',
  OPEN: 'danger',
  CLAIMED: 'primary',
  ANSWERED: 'success',
  CLOSED: 'info',
  REJECTED: 'info',
}

export function questionTagType(status: string): 'primary' | 'success' | 'info' | 'warning' | 'danger' {
  return STATUS_TAG_TYPES[status as QuestionStatus] ?? 'info'
}

/**
 * Asks an admin to confirm a review decision: approving needs no reason, rejecting one (the asker is told why).
 * Resolves to the reason ('' when approving), or null when the admin backs out.
 */
export async function askReview(question: { villageName: string; topicLabel: string }, decision: 'APPROVE' | 'REJECT'): Promise<string | null> {
  const subject = `${question.villageName}的${question.topicLabel}问题`
  if (decision === 'APPROVE') {
    const confirmed = await ElMessageBox.confirm(`通过审核后，${subject}将进入法律顾问的问题队列。`, '审核通过', {
      confirmButtonText: '通过',
      cancelButtonText: '返回',
      type: 'info',
    }).catch(() => false)
    return confirmed ? '' : null
  }
  const answer = await ElMessageBox.prompt(`驳回${subject}？提问人会收到驳回原因。`, '审核驳回', {
    confirmButtonText: '驳回',
    cancelButtonText: '返回',
    inputType: 'textarea',
    inputPlaceholder: '驳回原因（必填，将告知提问人）',
    inputValidator: (value: string) => {
      if (!value?.trim()) return '请填写驳回原因'
      return value.trim().length <= NOTE_MAX_LENGTH ? true : `驳回原因不能超过 ${NOTE_MAX_LENGTH} 字`
    },
    type: 'warning',
  }).catch(() => null)
  return answer ? answer.value.trim() : null
}

/**
 * Claims a question and says so. When the claim fails it says why (已被其他顾问认领 when another advisor was quicker,
 * else the server's detail, e.g. for CLAIM_LIMIT_REACHED), calls `onStale` when what the page shows is out of date
 * (claimed by someone else, or no longer visible), and resolves to null.
 */
export async function claimAndTell(id: string, onStale: () => void): Promise<QuestionView | null> {
  try {
    const question = await claimQuestion(id)
    ElMessage.success('认领成功，请及时解答')
    return question
  } catch (error) {
    const claimedByOther = error instanceof ApiProblem && error.code === 'ALREADY_CLAIMED'
    if (claimedByOther) ElMessage.warning('已被其他顾问认领')
    else showError(error)
    if (claimedByOther || (error instanceof ApiProblem && error.status === 404)) onStale()
    return null
  }
}
