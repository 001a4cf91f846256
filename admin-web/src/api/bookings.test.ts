import { describe, expect, it } from 'vitest'
import { booking, homeVisit, noShows, schedule, scheduleSession } from '@/test/bookings'
import { signedIn } from '@/test/directory'
import { json, problem, startApp, stubNetwork } from '@/test/support'
import { bookingModeLabel, bookingStatusLabel, eligibilityLabel, homeVisitStatusLabel, topicLabel, TOPICS } from '@/utils/labels'
import {
  cancelBooking,
  downloadBookingsCsv,
  getAdvisorSchedule,
  getMySchedule,
  getNoShowStats,
  listBookings,
  recordAttendance,
  saveBookingNote,
} from './bookings'
import { completeHomeVisit, declineHomeVisit, listHomeVisits, scheduleHomeVisit } from './homeVisits'
import { ApiProblem } from './http'

describe('bookings API module', () => {
  it('reads the advisor’s own schedule, or an advisor’s as an admin, for a range of days', async () => {
    startApp(signedIn)
    const answer = schedule([scheduleSession()])
    const sent = stubNetwork(() => json(answer))

    await expect(getMySchedule({ from: '2026-12-07', to: '2026-12-13' })).resolves.toEqual(answer)
    await getAdvisorSchedule('adv-1', { from: '2026-12-08', to: '2026-12-08' })

    expect(sent.map((req) => `${req.method} ${req.path}?${req.query}`)).toEqual([
      'GET /api/v1/advisor/bookings?from=2026-12-07&to=2026-12-13',
      'GET /api/v1/admin/bookings/schedule?advisorId=adv-1&from=2026-12-08&to=2026-12-08',
    ])
    expect(sent[0]!.authorization).toBe('Bearer a1')
  })

  it('records attendance, keeps a note and cancels with a reason, as JSON', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => json(booking()))

    await recordAttendance('bk-1', 'NO_SHOW')
    await saveBookingNote('bk-1', '需带承包合同')
    await cancelBooking('a/b', '顾问出庭')

    expect(sent.map((req) => `${req.method} ${req.path} ${req.body}`)).toEqual([
      'POST /api/v1/bookings/bk-1/attendance {"outcome":"NO_SHOW"}',
      'PUT /api/v1/bookings/bk-1/note {"note":"需带承包合同"}',
      'POST /api/v1/bookings/a%2Fb/cancel {"reason":"顾问出庭"}',
    ])
  })

  it('reports attendance before the booking begins with the server’s reason', async () => {
    startApp(signedIn)
    stubNetwork(() => problem(409, 'BOOKING_NOT_STARTED', '预约尚未开始，不能登记到场情况'))

    const failure = await recordAttendance('bk-1', 'ATTENDED').catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(ApiProblem)
    expect((failure as ApiProblem).message).toBe('预约尚未开始，不能登记到场情况')
  })

  it('lists a page of bookings with only the filters given, and exports the same filters as CSV', async () => {
    startApp(signedIn)
    const sent = stubNetwork((req) =>
      req.path.endsWith('.csv')
        ? new Response('\uFEFF日期\n', { headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="bookings.csv"' } })
        : json({ items: [booking()], total: 21, page: 1, size: 20 }),
    )
    const filter = { region: '621025100000', village: '', advisorId: undefined, status: 'CANCELLED' as const, topic: ' LAND ', from: '2026-12-01', to: '2026-12-31' }

    const page = await listBookings(filter, 1)
    const download = await downloadBookingsCsv(filter)

    expect(page.total).toBe(21)
    expect(sent[0]!.path).toBe('/api/v1/admin/bookings')
    expect(sent[0]!.query.toString()).toBe('region=621025100000&status=CANCELLED&topic=LAND&from=2026-12-01&to=2026-12-31&page=1&size=20')
    expect(sent[1]!.path).toBe('/api/v1/admin/bookings.csv')
    expect(sent[1]!.query.toString()).toBe('region=621025100000&status=CANCELLED&topic=LAND&from=2026-12-01&to=2026-12-31')
    expect(sent[1]!.accept).toBe('text/csv, application/problem+json')
    expect(download.fileName).toBe('bookings.csv')
  })

  it('reads no-show rates for a region and period', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => json(noShows))

    await expect(getNoShowStats({ region: '621025000000', from: '2026-11-01', to: '2026-11-30' })).resolves.toEqual(noShows)

    expect(`${sent[0]!.path}?${sent[0]!.query}`).toBe('/api/v1/admin/bookings/no-shows?region=621025000000&from=2026-11-01&to=2026-11-30')
  })
})

describe('home visits API module', () => {
  it('lists a page of visits with the filters given, and the next with the cursor', async () => {
    startApp(signedIn)
    const sent = stubNetwork((req) => (req.query.has('cursor') ? json([homeVisit()]) : json({ items: [homeVisit()], nextCursor: '0:hv-1' })))

    const first = await listHomeVisits({ status: 'REQUESTED', village: '621025100201' })
    // A plain array (the page's first sketch of the answer) is the only page.
    const next = await listHomeVisits({}, first.nextCursor!)

    expect(first).toEqual({ items: [homeVisit()], nextCursor: '0:hv-1' })
    expect(next).toEqual({ items: [homeVisit()], nextCursor: null })
    expect(sent.map((req) => `${req.path}?${req.query}`)).toEqual([
      '/api/v1/home-visits?status=REQUESTED&village=621025100201',
      '/api/v1/home-visits?cursor=0%3Ahv-1',
    ])
  })

  it('schedules, declines and completes a visit', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => json(homeVisit()))

    await scheduleHomeVisit('hv-1', { startAt: '2026-12-10T09:00:00+08:00', endAt: '2026-12-10T10:00:00+08:00', advisorId: 'adv-1', note: '' })
    await declineHomeVisit('hv-1', '可改为电话咨询')
    await completeHomeVisit('hv-1', '已解答')

    expect(sent.map((req) => `${req.method} ${req.path}`)).toEqual([
      'POST /api/v1/home-visits/hv-1/schedule',
      'POST /api/v1/home-visits/hv-1/decline',
      'POST /api/v1/home-visits/hv-1/complete',
    ])
    expect(sent.map((req) => JSON.parse(req.body))).toEqual([
      { startAt: '2026-12-10T09:00:00+08:00', endAt: '2026-12-10T10:00:00+08:00', advisorId: 'adv-1', note: '' },
      { reason: '可改为电话咨询' },
      { note: '已解答' },
    ])
  })
})

describe('booking labels', () => {
  it('names statuses, modes, topics and eligibility in Chinese, and shows unknown values as they are', () => {
    expect(['CONFIRMED', 'CANCELLED', 'ATTENDED', 'NO_SHOW'].map(bookingStatusLabel)).toEqual(['已预约', '已取消', '已到场', '未到场'])
    expect(['IN_PERSON', 'PHONE', 'VIDEO'].map(bookingModeLabel)).toEqual(['当面', '电话', '视频'])
    expect(TOPICS).toHaveLength(12)
    expect(topicLabel('PERSONAL_INJURY')).toBe('人身损害与交通事故')
    expect(topicLabel('NEW_TOPIC')).toBe('NEW_TOPIC')
    expect(['ELDERLY', 'DISABLED', 'SERIOUSLY_ILL'].map(eligibilityLabel)).toEqual(['高龄老人', '残疾人', '重病患者'])
    expect(['REQUESTED', 'DECLINED', 'CANCELLED'].map(homeVisitStatusLabel)).toEqual(['待安排', '未能上门', '已撤销'])
  })
})
