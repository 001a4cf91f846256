import type { Role } from '@/api/me'
import type { RegionLevel } from '@/api/regions'

const ROLE_LABELS: Record<Role, string> = {
  ADMIN: '管理员',
  ADVISOR: '法律顾问',
  RESIDENT: '村民',
  NAVIGATOR: '法律明白人',
  PARTNER: '合作系统',
}

const LEVEL_LABELS: Record<RegionLevel, string> = {
  PROVINCE: '省',
  CITY: '市',
  COUNTY: '县',
  TOWNSHIP: '乡镇',
  VILLAGE: '村',
}

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role
}

export function levelLabel(level: string): string {
  return LEVEL_LABELS[level as RegionLevel] ?? level
}

const DUTY_KIND_LABELS: Record<string, string> = { ON_SITE: '驻村', DESK: '坐班' }
const DUTY_MODE_LABELS: Record<string, string> = { IN_PERSON: '现场', PHONE: '电话', VIDEO: '视频' }
const FREQUENCY_LABELS: Record<string, string> = { WEEKLY: '每周', MONTHLY: '每月', ONCE: '单次' }
const SESSION_STATUS_LABELS: Record<string, string> = {
  PLANNED: '计划中',
  CANCELLED: '已取消',
  CANCELED: '已取消',
  DETACHED: '已保留（规则已变更）',
  IN_PROGRESS: '进行中',
  DONE: '已完成',
  COMPLETED: '已完成',
}
const NAVIGATOR_STATUS_LABELS: Record<string, string> = { INVITED: '已邀请', ACTIVE: '已加入' }
export const WEEKDAY_LABELS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日']
const COVERAGE_PROBLEM_LABELS: Record<string, string> = {
  NO_ADVISOR: '无法律顾问',
  WITHOUT_ADVISOR: '无法律顾问',
  NOT_FILED: '协议未备案',
  NO_FILED_AGREEMENT: '协议未备案',
  WITHOUT_FILED_AGREEMENT: '协议未备案',
  FEW_NAVIGATORS: '法律明白人不足 6 人',
  NO_SESSION_THIS_MONTH: '本月无驻点',
}

export const dutyKindLabel = (kind: string) => DUTY_KIND_LABELS[kind] ?? kind
export const dutyModeLabel = (mode: string) => DUTY_MODE_LABELS[mode] ?? mode
export const frequencyLabel = (frequency: string) => FREQUENCY_LABELS[frequency] ?? frequency
export const sessionStatusLabel = (status: string) => SESSION_STATUS_LABELS[status] ?? status
export const navigatorStatusLabel = (status: string) => NAVIGATOR_STATUS_LABELS[status] ?? status
export const coverageProblemLabel = (code: string) => COVERAGE_PROBLEM_LABELS[code] ?? code

/** 1 = Monday … 7 = Sunday. */
export const weekdayLabel = (day: number) => WEEKDAY_LABELS[day - 1] ?? String(day)

export function weekOfMonthLabel(week: number): string {
  return week === -1 ? '最后一周' : `第${['一', '二', '三', '四', '五'][week - 1] ?? week}周`
}
