import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Booking } from '@/api/bookings'
import { booking, schedule, scheduleSession } from '@/test/bookings'
import { liMing, signedIn, wangFang } from '@/test/directory'
import {
  adminUser,
  advisorUser,
  buttonNamed,
  countyAdmin,
  found,
  json,
  mountApp,
  openDialog,
  pageText,
  problem,
  routes,
  stubNetwork,
  typeInto,
  type SentRequest,
} from '@/test/support'

// Tuesday 8 December 2026, 10:00 in Asia/Shanghai.
const NOW = new Date('2026-12-08T02:00:00Z')

const nineOClock = booking()
const elevenOClock = booking({
  id: 'bk-2',
  startAt: '2026-12-08T03:00:00Z',
  endAt: '2026-12-08T03:30:00Z',
  start: '11:00',
  end: '11:30',
  personName: '钱德福',
  personPhone: '137****0001',
  topic: 'LABOUR',
  topicLabel: '劳动用工与欠薪',
  description: '工地欠薪三个月',
  mode: 'PHONE',
  forNeighbour: true,
  bookedByName: '张建国',
})
const today = () => schedule([scheduleSession({ booked: 2, bookings: [elevenOClock, nineOClock] })], '2026-12-08', '2026-12-08')

const card = (id: string) => document.querySelector<HTMLElement>(`[data-booking="${id}"]`)!
const scheduleCalls = (sent: SentRequest[]) =>
  sent.filter((req) => req.path === '/api/v1/advisor/bookings' || req.path === '/api/v1/admin/bookings/schedule')
const asAdvisor = { 'GET /api/v1/me': () => json(advisorUser) }

beforeEach(() => {
  // Only the clock: Element Plus and vi.waitFor keep their real timers.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
})

describe('my bookings (advisor)', () => {
  it('shows today’s sessions with a card per booking', async () => {
    const sent = stubNetwork(routes({ ...asAdvisor, 'GET /api/v1/advisor/bookings': () => json(today()) }))

    const { wrapper } = await mountApp('/bookings/schedule', signedIn)

    await vi.waitFor(() => expect(card('bk-1')).toBeTruthy())
    expect(wrapper.find('.el-menu').text()).toContain('我的预约')
    expect(scheduleCalls(sent).map((req) => req.query.toString())).toEqual(['from=2026-12-08&to=2026-12-08'])
    expect(document.querySelector('[data-test="range-title"]')!.textContent).toBe('2026年12月8日 周二')
    const session = document.querySelector<HTMLElement>('[data-test="session"]')!
    expect(session.textContent).toContain('09:00–12:00')
    expect(session.textContent).toContain('驻村')
    expect(session.textContent).toContain('柳林村 · 柳林村村委会 · 当面')
    expect(session.textContent).toContain('已约 2/6')
    expect(document.querySelector('[data-test="schedule-day"]')!.textContent).toContain('12月8日 周二')
    expect(document.querySelector('[data-test="schedule-day"]')!.textContent).toContain('今天')

    // By start time: nine o'clock first.
    const cards = [...document.querySelectorAll('[data-test="booking"]')].map((element) => element.getAttribute('data-booking'))
    expect(cards).toEqual(['bk-1', 'bk-2'])
    const first = card('bk-1').textContent!
    for (const text of ['09:00–09:30', '赵秀英', '139****5678', '土地承包与流转', '承包地被邻居占用，想咨询如何处理', '当面', '已预约']) {
      expect(first).toContain(text)
    }
    expect(card('bk-2').textContent).toContain('电话')
    expect(card('bk-2').textContent).toContain('由 张建国 代为预约')
  })

  it('offers attendance only once a booking has begun', async () => {
    stubNetwork(routes({ ...asAdvisor, 'GET /api/v1/advisor/bookings': () => json(today()) }))
    await mountApp('/bookings/schedule', signedIn)
    await vi.waitFor(() => expect(card('bk-1')).toBeTruthy())

    expect(buttonNamed('到场', card('bk-1')).disabled).toBe(false)
    expect(buttonNamed('未到场', card('bk-1')).disabled).toBe(false)
    expect(buttonNamed('到场', card('bk-2')).disabled).toBe(true)
    expect(buttonNamed('未到场', card('bk-2')).disabled).toBe(true)
    expect(card('bk-2').textContent).toContain('预约开始后可登记到场情况')
    expect(card('bk-1').textContent).not.toContain('预约开始后可登记到场情况')
  })

  it('switches to the week and steps between weeks and back to today', async () => {
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        'GET /api/v1/advisor/bookings': (req) =>
          json(req.query.get('from') === '2026-12-14' ? schedule([], '2026-12-14', '2026-12-20') : schedule([scheduleSession()])),
      }),
    )
    const { router } = await mountApp('/bookings/schedule', signedIn)
    await vi.waitFor(() => expect(card('bk-1')).toBeTruthy())

    ;[...document.querySelectorAll<HTMLElement>('.el-radio-button')].find((option) => option.textContent?.trim() === '周')!.click()

    await vi.waitFor(() => expect(scheduleCalls(sent).at(-1)!.query.toString()).toBe('from=2026-12-07&to=2026-12-13'))
    expect(router.currentRoute.value.query.view).toBe('week')
    await vi.waitFor(() => expect(document.querySelector('[data-test="range-title"]')!.textContent).toBe('2026年12月7日 – 12月13日'))

    buttonNamed('下一周').click()
    await vi.waitFor(() => expect(pageText()).toContain('本周没有驻点安排'))
    expect(scheduleCalls(sent).at(-1)!.query.toString()).toBe('from=2026-12-14&to=2026-12-20')
    expect(router.currentRoute.value.query.date).toBe('2026-12-15')

    buttonNamed('今天').click()
    await vi.waitFor(() => expect(card('bk-1')).toBeTruthy())
    expect(scheduleCalls(sent).at(-1)!.query.toString()).toBe('from=2026-12-07&to=2026-12-13')
    expect(router.currentRoute.value.query.date).toBeUndefined()
  })

  it('opens the day and view kept in the address, and says when there are no sessions', async () => {
    const sent = stubNetwork(routes({ ...asAdvisor, 'GET /api/v1/advisor/bookings': () => json(schedule([], '2026-12-25', '2026-12-25')) }))

    await mountApp('/bookings/schedule?date=2026-12-25', signedIn)

    await vi.waitFor(() => expect(pageText()).toContain('当天没有驻点安排'))
    expect(scheduleCalls(sent).map((req) => req.query.toString())).toEqual(['from=2026-12-25&to=2026-12-25'])
    buttonNamed('前一天').click()
    await vi.waitFor(() => expect(scheduleCalls(sent).at(-1)!.query.toString()).toBe('from=2026-12-24&to=2026-12-24'))
  })

  it('records that a resident came', async () => {
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        'GET /api/v1/advisor/bookings': () => json(today()),
        'POST /api/v1/bookings/bk-1/attendance': () => json({ ...nineOClock, status: 'ATTENDED', attendanceAt: '2026-12-08T02:00:00Z' }),
      }),
    )
    await mountApp('/bookings/schedule', signedIn)
    await vi.waitFor(() => expect(card('bk-1')).toBeTruthy())

    buttonNamed('到场', card('bk-1')).click()

    await vi.waitFor(() => expect(card('bk-1').querySelector('[data-test="booking-status"]')!.textContent).toBe('已到场'))
    expect(JSON.parse(sent.find((req) => req.method === 'POST')!.body)).toEqual({ outcome: 'ATTENDED' })
    expect(pageText()).toContain('已登记 赵秀英 到场')
    expect(card('bk-1').textContent).not.toContain('取消预约')
    expect(() => buttonNamed('到场', card('bk-1'))).toThrow()
  })

  it('corrects a mark for 30 days after the booking began', async () => {
    const attended = { ...nineOClock, status: 'ATTENDED' as const, attendanceAt: '2026-12-08T01:10:00Z' }
    const old = booking({ id: 'bk-old', status: 'NO_SHOW', date: '2026-11-02', startAt: '2026-11-02T01:00:00Z' })
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        'GET /api/v1/advisor/bookings': () => json(schedule([scheduleSession({ bookings: [attended] }), scheduleSession({ sessionId: 'old', date: '2026-11-02', bookings: [old] })])),
        'POST /api/v1/bookings/bk-1/attendance': () => json({ ...attended, status: 'NO_SHOW' }),
      }),
    )
    await mountApp('/bookings/schedule?view=week', signedIn)
    await vi.waitFor(() => expect(card('bk-1')).toBeTruthy())
    expect(card('bk-old').textContent).not.toContain('改为到场')

    buttonNamed('改为未到场', card('bk-1')).click()
    await found('.el-message-box')
    buttonNamed('未到场', openDialog()).click()

    await vi.waitFor(() => expect(card('bk-1').querySelector('[data-test="booking-status"]')!.textContent).toBe('未到场'))
    expect(JSON.parse(sent.find((req) => req.method === 'POST')!.body)).toEqual({ outcome: 'NO_SHOW' })
    expect(buttonNamed('改为到场', card('bk-1'))).toBeTruthy()
  })

  it('asks before recording a no-show, and shows why the server refused it', async () => {
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        'GET /api/v1/advisor/bookings': () => json(today()),
        'POST /api/v1/bookings/bk-1/attendance': () => problem(409, 'BOOKING_NOT_STARTED', '预约尚未开始，不能登记到场情况'),
      }),
    )
    await mountApp('/bookings/schedule', signedIn)
    await vi.waitFor(() => expect(card('bk-1')).toBeTruthy())

    buttonNamed('未到场', card('bk-1')).click()
    await found('.el-message-box')
    expect(openDialog().textContent).toContain('确认 赵秀英 未到场？')
    buttonNamed('未到场', openDialog()).click()

    await vi.waitFor(() => expect(pageText()).toContain('预约尚未开始，不能登记到场情况'))
    expect(JSON.parse(sent.find((req) => req.method === 'POST')!.body)).toEqual({ outcome: 'NO_SHOW' })
    expect(card('bk-1').querySelector('[data-test="booking-status"]')!.textContent).toBe('已预约')
  })

  it('keeps a note on a booking', async () => {
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        'GET /api/v1/advisor/bookings': () => json(today()),
        'PUT /api/v1/bookings/bk-1/note': (req) => json({ ...nineOClock, note: JSON.parse(req.body).note }),
      }),
    )
    await mountApp('/bookings/schedule', signedIn)
    await vi.waitFor(() => expect(card('bk-1')).toBeTruthy())

    buttonNamed('备注', card('bk-1')).click()
    const note = await found<HTMLTextAreaElement>('.el-dialog textarea[name="note"]')
    expect(note.maxLength).toBe(500)
    typeInto(note, '  请带上土地承包合同  ')
    buttonNamed('保存', openDialog()).click()

    await vi.waitFor(() => expect(card('bk-1').querySelector('[data-test="booking-note"]')?.textContent).toBe('备注：请带上土地承包合同'))
    expect(JSON.parse(sent.find((req) => req.method === 'PUT')!.body)).toEqual({ note: '请带上土地承包合同' })
    expect(pageText()).toContain('备注已保存')
  })

  it('cancels a booking only with a reason, telling the advisor that the resident will be notified', async () => {
    const cancelled: Booking = { ...nineOClock, status: 'CANCELLED', cancelReason: '顾问出庭，请改约', cancelledByRole: 'ADVISOR', cancelledAt: '2026-12-08T02:00:00Z' }
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        'GET /api/v1/advisor/bookings': () => json(today()),
        'POST /api/v1/bookings/bk-1/cancel': () => json(cancelled),
      }),
    )
    await mountApp('/bookings/schedule', signedIn)
    await vi.waitFor(() => expect(card('bk-1')).toBeTruthy())

    buttonNamed('取消预约', card('bk-1')).click()
    await found('.el-message-box')
    expect(openDialog().textContent).toContain('系统将通知预约的村民')
    buttonNamed('取消预约', openDialog()).click()
    await vi.waitFor(() => expect(openDialog().textContent).toContain('请填写取消原因'))
    expect(sent.some((req) => req.method === 'POST')).toBe(false)

    typeInto(openDialog().querySelector('input')!, ' 顾问出庭，请改约 ')
    buttonNamed('取消预约', openDialog()).click()

    await vi.waitFor(() => expect(card('bk-1').querySelector('[data-test="booking-status"]')!.textContent).toBe('已取消'))
    expect(JSON.parse(sent.find((req) => req.method === 'POST')!.body)).toEqual({ reason: '顾问出庭，请改约' })
    expect(card('bk-1').textContent).toContain('法律顾问取消：顾问出庭，请改约')
    expect(card('bk-1').textContent).not.toContain('到场')
    expect(document.querySelector('[data-test="session"]')!.textContent).toContain('已约 1/6')
    // Cancelled bookings move below the others.
    expect([...document.querySelectorAll('[data-test="booking"]')].map((element) => element.getAttribute('data-booking'))).toEqual(['bk-2', 'bk-1'])
    expect(pageText()).toContain('预约已取消，系统将通知村民')
  })
})

describe('my bookings (admin)', () => {
  it('asks an admin to pick an advisor, then shows that advisor’s schedule', async () => {
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(adminUser),
        'GET /api/v1/admin/advisors': () => json([liMing, wangFang]),
        'GET /api/v1/admin/bookings/schedule': () => json(today()),
      }),
    )
    const { router } = await mountApp('/bookings/schedule', signedIn)

    await vi.waitFor(() => expect(pageText()).toContain('请选择法律顾问'))
    expect(scheduleCalls(sent)).toHaveLength(0)

    document.querySelector<HTMLElement>('[data-test="advisor-picker"] .el-select__wrapper')!.click()
    const option = await vi.waitFor(() => {
      const item = [...document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find((candidate) => candidate.textContent?.includes('王芳'))
      if (!item) throw new Error('no option 王芳')
      return item
    })
    option.click()

    await vi.waitFor(() => expect(card('bk-1')).toBeTruthy())
    expect(scheduleCalls(sent).map((req) => `${req.path}?${req.query}`)).toEqual([
      '/api/v1/admin/bookings/schedule?advisorId=adv-2&from=2026-12-08&to=2026-12-08',
    ])
    expect(router.currentRoute.value.query.advisor).toBe('adv-2')
    expect(document.querySelector('.page-heading')!.textContent).toBe('我的预约：王芳')
  })

  it('starts an admin who is also an advisor on their own schedule', async () => {
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/admin/advisors': () => json([liMing, { ...wangFang, username: countyAdmin.username! }]),
        'GET /api/v1/admin/bookings/schedule': () => json(today()),
      }),
    )

    await mountApp('/bookings/schedule', signedIn)

    await vi.waitFor(() => expect(card('bk-1')).toBeTruthy())
    expect(scheduleCalls(sent).map((req) => req.query.get('advisorId'))).toEqual(['adv-2'])
    expect(sent.some((req) => req.path === '/api/v1/advisor/bookings')).toBe(false)
  })
})
