// Sample answers of the booking and home-visit endpoints, shaped as the brief of the booking pages describes them.
import type { Booking, NoShowStats, Schedule, ScheduleSession } from '@/api/bookings'
import type { HomeVisit } from '@/api/homeVisits'

export function booking(overrides: Partial<Booking> = {}): Booking {
  return {
    id: 'bk-1',
    status: 'CONFIRMED',
    slotId: 'slot-1',
    sessionId: 'rule-1-20261208',
    villageCode: '621025100201',
    villageName: '柳林村',
    kind: 'ON_SITE',
    place: '柳林村村委会',
    date: '2026-12-08',
    startAt: '2026-12-08T01:00:00Z',
    endAt: '2026-12-08T01:30:00Z',
    start: '09:00',
    end: '09:30',
    mode: 'IN_PERSON',
    advisorId: 'adv-1',
    advisorName: '李明',
    topic: 'LAND',
    topicLabel: '土地承包与流转',
    description: '承包地被邻居占用，想咨询如何处理',
    personName: '赵秀英',
    personPhone: '139****5678',
    forNeighbour: false,
    bookedByName: null,
    changeUntil: '2026-12-07T13:00:00Z',
    canChange: true,
    cancelReason: null,
    cancelledByRole: null,
    cancelledAt: null,
    note: null,
    attendanceAt: null,
    createdAt: '2026-12-01T02:00:00Z',
    ...overrides,
  }
}

export function scheduleSession(overrides: Partial<ScheduleSession> = {}): ScheduleSession {
  return {
    sessionId: 'rule-1-20261208',
    date: '2026-12-08',
    start: '09:00',
    end: '12:00',
    kind: 'ON_SITE',
    place: '柳林村村委会',
    villageCode: '621025100201',
    regionName: '柳林村',
    mode: 'IN_PERSON',
    status: 'PLANNED',
    capacity: 6,
    booked: 1,
    bookings: [booking()],
    ...overrides,
  }
}

export function schedule(sessions: ScheduleSession[], from = '2026-12-07', to = '2026-12-13'): Schedule {
  return { from, to, sessions }
}

export const noShows: NoShowStats = {
  region: '621025000000',
  from: '2026-11-01',
  to: '2026-11-30',
  finished: 40,
  noShows: 5,
  rate: 0.125,
  // As the api answers them (docs/booking.md): id and name.
  byAdvisor: [
    { id: 'adv-2', name: '王芳', finished: 0, noShows: 0, rate: null },
    { id: 'adv-1', name: '李明', finished: 30, noShows: 5, rate: 1 / 6 },
  ],
  byVillage: [{ id: '621025100201', name: '柳林村', finished: 40, noShows: 5, rate: 0.125 }],
}

/** A request as the homevisit branch's api answers it (docs/home-visits.md): empty fields left out. */
export function homeVisit(overrides: Partial<HomeVisit> = {}): HomeVisit {
  return {
    id: 'hv-1',
    status: 'REQUESTED',
    statusLabel: '待安排',
    villageCode: '621025100201',
    villageName: '柳林村',
    address: '柳林村三组 12 号',
    reason: '老人行动不便，想咨询赡养费问题',
    eligibility: 'ELDERLY',
    eligibilityLabel: '高龄老人',
    contactName: '张桂兰',
    contactPhone: '138****1234',
    preferredTimes: '工作日上午',
    forNeighbour: false,
    scheduleVersion: 0,
    createdAt: '2026-12-01T02:00:00Z',
    updatedAt: '2026-12-01T02:00:00Z',
    history: [{ status: 'REQUESTED', statusLabel: '待安排', by: 'u-resident-1', at: '2026-12-01T02:00:00Z' }],
    ...overrides,
  }
}

export function homeVisitPage(items: HomeVisit[], nextCursor: string | null = null) {
  return { items, nextCursor }
}
