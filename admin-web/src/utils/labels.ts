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

// Bookings (预约) and home visits (上门服务).
const BOOKING_STATUS_LABELS: Record<string, string> = {
  CONFIRMED: '已预约',
  CANCELLED: '已取消',
  ATTENDED: '已到场',
  NO_SHOW: '未到场',
}
const BOOKING_MODE_LABELS: Record<string, string> = { IN_PERSON: '当面', PHONE: '电话', VIDEO: '视频' }
const CANCELLED_BY_LABELS: Record<string, string> = { RESIDENT: '村民', ADVISOR: '法律顾问', ADMIN: '管理员' }

/** Consultation topics in the order residents see them; the api answers `topicLabel` as well. */
export const TOPICS: { value: string; label: string }[] = [
  { value: 'FAMILY', label: '婚姻家庭' },
  { value: 'INHERITANCE', label: '继承赡养' },
  { value: 'LAND', label: '土地承包与流转' },
  { value: 'HOMESTEAD', label: '宅基地与房屋' },
  { value: 'LABOUR', label: '劳动用工与欠薪' },
  { value: 'DEBT_CONTRACT', label: '借贷与合同' },
  { value: 'PERSONAL_INJURY', label: '人身损害与交通事故' },
  { value: 'NEIGHBOUR', label: '邻里纠纷' },
  { value: 'CONSUMER', label: '消费维权' },
  { value: 'SOCIAL_SECURITY', label: '社会保障' },
  { value: 'ADMINISTRATIVE', label: '行政事务' },
  { value: 'OTHER', label: '其他' },
]
export const BOOKING_STATUSES = Object.entries(BOOKING_STATUS_LABELS).map(([value, label]) => ({ value, label }))

// As the home-visit api names them (docs/home-visits.md), so that staff and residents read the same words.
const HOME_VISIT_STATUS_LABELS: Record<string, string> = {
  REQUESTED: '待安排',
  SCHEDULED: '已安排',
  DECLINED: '未能上门',
  COMPLETED: '已完成',
  CANCELLED: '已撤销',
}
const ELIGIBILITY_LABELS: Record<string, string> = {
  ELDERLY: '高龄老人',
  DISABLED: '残疾人',
  SERIOUSLY_ILL: '重病患者',
}
export const HOME_VISIT_STATUSES = Object.entries(HOME_VISIT_STATUS_LABELS).map(([value, label]) => ({ value, label }))

export const bookingStatusLabel = (status: string) => BOOKING_STATUS_LABELS[status] ?? status
export const bookingModeLabel = (mode: string) => BOOKING_MODE_LABELS[mode] ?? mode
export const cancelledByLabel = (role: string) => CANCELLED_BY_LABELS[role] ?? role
export const topicLabel = (topic: string) => TOPICS.find((known) => known.value === topic)?.label ?? topic
export const homeVisitStatusLabel = (status: string) => HOME_VISIT_STATUS_LABELS[status] ?? status
export const eligibilityLabel = (eligibility: string) => ELIGIBILITY_LABELS[eligibility] ?? eligibility

// Questions (问答). The api also answers `statusLabel` and `topicLabel`; these cover filters and older answers.
const QUESTION_STATUS_LABELS: Record<string, string> = {
  HELD_FOR_REVIEW: '待审核',
  OPEN: '待认领',
  CLAIMED: '解答中',
  ANSWERED: '已解答',
  CLOSED: '已办结',
  REJECTED: '未通过审核',
}
const POOL_LEVEL_LABELS: Record<string, string> = { VILLAGE: '本村', TOWNSHIP: '乡镇统筹', COUNTY: '县级统筹' }
const QUESTION_HISTORY_LABELS: Record<string, string> = {
  ASKED: '提问',
  HELD_FOR_REVIEW: '内容待审核',
  APPROVED: '审核通过',
  REJECTED: '审核驳回',
  ESCALATED: '扩大到上级统筹',
  CLAIMED: '认领',
  RENEWED: '续期',
  LEASE_EXPIRED: '认领超时，回到队列',
  RELEASED: '放回队列',
  TRANSFERRED: '转交',
  ANSWERED: '解答',
  REFERRED: '转介',
  FOLLOWED_UP: '追问',
  CLOSED: '办结',
  AUTO_CLOSED: '自动办结',
  REOPENED: '重新打开',
  RATED: '评价',
}
const MESSAGE_KIND_LABELS: Record<string, string> = { QUESTION: '提问', FOLLOW_UP: '追问', ANSWER: '解答', REFERRAL: '转介' }
const REFERRAL_LABELS: Record<string, string> = { BOOKING: '建议预约面谈', LEGAL_AID: '建议申请法律援助' }
const QUESTION_CHANNEL_LABELS: Record<string, string> = { MINI_PROGRAM: '小程序', OFFICIAL_ACCOUNT: '公众号' }
const CANNED_SCOPE_LABELS: Record<string, string> = { PERSONAL: '我的', SHARED: '共享' }

export const QUESTION_STATUSES = Object.entries(QUESTION_STATUS_LABELS).map(([value, label]) => ({ value, label }))
export const REFERRAL_KINDS = Object.entries(REFERRAL_LABELS).map(([value, label]) => ({ value, label }))

export const questionStatusLabel = (status: string) => QUESTION_STATUS_LABELS[status] ?? status
export const poolLevelLabel = (level: string) => POOL_LEVEL_LABELS[level] ?? level
export const questionHistoryLabel = (action: string) => QUESTION_HISTORY_LABELS[action] ?? action
export const messageKindLabel = (kind: string) => MESSAGE_KIND_LABELS[kind] ?? kind
export const referralLabel = (kind: string) => REFERRAL_LABELS[kind] ?? kind
export const questionChannelLabel = (channel: string) => QUESTION_CHANNEL_LABELS[channel] ?? channel
export const cannedScopeLabel = (scope: string) => CANNED_SCOPE_LABELS[scope] ?? scope
