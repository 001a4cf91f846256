import { request } from './http'
import type { DutyKind, DutyMode } from './duty'
import type { NavigatorRole } from './navigators'

export interface BoardAdvisor {
  id: string
  name: string
  photoUrl: string | null
  lawFirm: string
  licenceNo: string
  publicPhone: string
  serviceScope: string
  agreementStart: string
  agreementEnd: string
}

export interface BoardSession {
  id: string
  date: string
  startAt: string
  endAt: string
  /** HH:mm, Asia/Shanghai. */
  start: string
  end: string
  kind: DutyKind
  place: string
  mode: DutyMode
  advisorName: string
  status: string
}

export interface VillageBoard {
  village: { code: string; name: string }
  township: { code: string; name: string } | null
  county: { code: string; name: string } | null
  advisors: BoardAdvisor[]
  deskDuty: { advisorName: string; place: string; schedule: string }[]
  /** The next 8 weeks: on-site sessions here and desk sessions at the stations covering the village. */
  sessions: BoardSession[]
  /** `phone` only where the person agreed to show it. */
  team: { name: string; role: NavigatorRole; roleLabel: string; phone?: string | null }[]
  groupQrUrl: string | null
  generatedAt: string
}

/** The public notice board (公示栏) of a village; needs no sign-in. */
export function getVillageBoard(code: string): Promise<VillageBoard> {
  return request<VillageBoard>(`/api/v1/villages/${encodeURIComponent(code)}`, { auth: false })
}

/** The printable notice with the QR code; public, so a plain link works. */
export function noticeUrl(code: string, format: 'png' | 'pdf'): string {
  return `/api/v1/villages/${encodeURIComponent(code)}/notice?format=${format}`
}
