// Sample answers of the directory endpoints, shaped as docs/directory.md describes them.
import type { AdvisorView } from '@/api/advisors'
import type { AgreementView } from '@/api/agreements'
import type { DutyRuleView, DutySessionView } from '@/api/duty'
import type { NavigatorView } from '@/api/navigators'
import type { Region } from '@/api/regions'
import type { VillageBoard } from '@/api/villages'

export const signedIn = { accessToken: 'a1', refreshToken: 'r1' }

export const county: Region = { code: '621025000000', name: '正宁县', level: 'COUNTY', parentCode: '621000000000', hasChildren: true }
export const township: Region = { code: '621025100000', name: '山河镇', level: 'TOWNSHIP', parentCode: county.code, hasChildren: true }
export const village: Region = { code: '621025100201', name: '柳林村', level: 'VILLAGE', parentCode: township.code, hasChildren: false }

export const liMing: AdvisorView = {
  id: 'adv-1',
  name: '李明',
  lawFirm: '甘肃正宁律师事务所',
  licenceNo: '16210201910123456',
  phone: '139****5678',
  publicPhone: '0934-1234567',
  serviceScope: '婚姻家庭、土地承包',
  regionCode: county.code,
  username: 'advisor-li',
  photoUrl: '/api/v1/advisors/adv-1/photo',
  villages: [{ code: village.code, name: village.name }],
}

export const wangFang: AdvisorView = {
  ...liMing,
  id: 'adv-2',
  name: '王芳',
  username: 'advisor-wang',
  photoUrl: null,
  villages: [],
}

export function agreement(overrides: Partial<AgreementView> = {}): AgreementView {
  return {
    id: 'agr-1',
    advisorId: liMing.id,
    advisorName: liMing.name,
    villageCode: village.code,
    villageName: village.name,
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    filed: false,
    filedAt: null,
    hasFile: false,
    fileName: null,
    terminatedAt: null,
    active: false,
    ...overrides,
  }
}

export function navigator(overrides: Partial<NavigatorView> = {}): NavigatorView {
  return {
    id: 'nav-1',
    villageCode: village.code,
    name: '张建国',
    role: 'VILLAGE_COMMITTEE',
    roleLabel: '村两委',
    phone: '139****5678',
    phoneConsent: true,
    status: 'ACTIVE',
    joinedAt: '2026-03-01T02:00:00Z',
    ...overrides,
  }
}

export const monthlyRule: DutyRuleView = {
  id: 'rule-1',
  advisorId: liMing.id,
  kind: 'ON_SITE',
  villageCode: village.code,
  place: '柳林村村委会',
  mode: 'IN_PERSON',
  recurrence: { frequency: 'MONTHLY', daysOfWeek: [2], weekOfMonth: 1 },
  startTime: '09:00',
  endTime: '12:00',
  validFrom: '2026-01-01',
  validUntil: '2026-12-31',
  exceptions: [{ date: '2026-10-06', reason: '国庆假期' }],
}

export function session(overrides: Partial<DutySessionView> = {}): DutySessionView {
  return {
    id: 'rule-1-20261208',
    ruleId: 'rule-1',
    advisorId: liMing.id,
    advisorName: liMing.name,
    kind: 'ON_SITE',
    villageCode: village.code,
    date: '2026-12-08',
    startAt: '2026-12-08T01:00:00Z',
    endAt: '2026-12-08T04:00:00Z',
    place: '柳林村村委会',
    mode: 'IN_PERSON',
    status: 'PLANNED',
    bookedCount: 0,
    ...overrides,
  }
}

export const board: VillageBoard = {
  village: { code: village.code, name: village.name },
  township: { code: township.code, name: township.name },
  county: { code: county.code, name: county.name },
  advisors: [
    {
      id: liMing.id,
      name: liMing.name,
      photoUrl: liMing.photoUrl,
      lawFirm: liMing.lawFirm,
      licenceNo: liMing.licenceNo,
      publicPhone: liMing.publicPhone,
      serviceScope: liMing.serviceScope,
      agreementStart: '2026-01-01',
      agreementEnd: '2026-12-31',
    },
  ],
  deskDuty: [{ advisorName: '王芳', place: '山河镇公共法律服务工作站', schedule: '每周一至周五 09:00–12:00' }],
  sessions: [
    {
      id: 'rule-1-20261208',
      date: '2026-12-08',
      startAt: '2026-12-08T01:00:00Z',
      endAt: '2026-12-08T04:00:00Z',
      start: '09:00',
      end: '12:00',
      kind: 'ON_SITE',
      place: '柳林村村委会',
      mode: 'IN_PERSON',
      advisorName: '李明',
      status: 'PLANNED',
    },
  ],
  team: [
    { name: '张建国', role: 'VILLAGE_COMMITTEE', roleLabel: '村两委', phone: '13912345678' },
    { name: '赵秀英', role: 'MEDIATOR', roleLabel: '调解员', phone: null },
  ],
  groupQrUrl: null,
  generatedAt: '2026-11-23T01:00:00Z',
}
