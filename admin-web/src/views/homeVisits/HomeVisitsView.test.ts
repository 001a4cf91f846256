import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { HomeVisit } from '@/api/homeVisits'
import { homeVisit, homeVisitPage } from '@/test/bookings'
import { liMing, signedIn, wangFang } from '@/test/directory'
import {
  adminUser,
  advisorUser,
  buttonNamed,
  chooseOption,
  found,
  json,
  mountApp,
  openDialog,
  pageText,
  problem,
  routes,
  stubNetwork,
  type SentRequest,
} from '@/test/support'

// Tuesday 8 December 2026, 10:00 in Asia/Shanghai.
const NOW = new Date('2026-12-08T02:00:00Z')

const cards = () => [...document.querySelectorAll<HTMLElement>('[data-test="home-visit"]')]
const card = (id: string) => document.querySelector<HTMLElement>(`[data-visit="${id}"]`)!
const listCalls = (sent: SentRequest[]) => sent.filter((req) => req.path === '/api/v1/home-visits')

const seriouslyIll = homeVisit({
  id: 'hv-2',
  eligibility: 'SERIOUSLY_ILL',
  eligibilityLabel: '重病患者',
  contactName: '孙建华',
  contactPhone: '135****8888',
  reason: '卧床，需办理遗嘱相关咨询',
  forNeighbour: true,
  consent: { method: 'VERBAL', methodLabel: '口头同意', note: null },
})
/** Arranged for Thursday: not begun yet. */
const scheduled = homeVisit({
  id: 'hv-3',
  status: 'SCHEDULED',
  eligibility: 'DISABLED',
  advisorId: 'adv-1',
  advisorName: '李明',
  startAt: '2026-12-10T01:00:00Z',
  endAt: '2026-12-10T02:00:00Z',
  scheduleNote: '携带调解申请书样本',
  scheduleVersion: 1,
  history: [
    { status: 'REQUESTED', by: 'u-resident-1', at: '2026-12-01T02:00:00Z' },
    { status: 'SCHEDULED', by: 'u-advisor-li', at: '2026-12-02T02:00:00Z', note: '李明 12月10日 09:00–10:00 携带调解申请书样本' },
  ],
})
/** Arranged for this morning: under way. */
const underWay = homeVisit({ ...scheduled, id: 'hv-4', startAt: '2026-12-08T01:00:00Z', endAt: '2026-12-08T02:30:00Z' })

/** Types a day into the dialog's date picker the way a user does: the text, then Enter. */
async function pickDate(date: string) {
  const input = openDialog().querySelector<HTMLInputElement>('.el-date-editor input')!
  input.focus()
  input.value = date
  input.dispatchEvent(new Event('input'))
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true }))
  input.dispatchEvent(new Event('change'))
}

function typeText(field: HTMLTextAreaElement, text: string) {
  field.value = text
  field.dispatchEvent(new Event('input'))
}

beforeEach(() => {
  // Only the clock: Element Plus and vi.waitFor keep their real timers.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
})

describe('home visits (advisor)', () => {
  it('is in an advisor’s menu and lists requests as cards, seriously ill people highlighted', async () => {
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(advisorUser),
        'GET /api/v1/home-visits': () => json(homeVisitPage([seriouslyIll, homeVisit(), scheduled])),
      }),
    )

    const { wrapper } = await mountApp('/home-visits', signedIn)

    await vi.waitFor(() => expect(cards()).toHaveLength(3))
    expect(wrapper.find('.el-menu').text()).toContain('上门服务')
    expect(listCalls(sent).map((req) => req.query.toString())).toEqual([''])
    const first = card('hv-1').textContent!
    for (const text of ['柳林村', '高龄老人', '待安排', '张桂兰 138****1234', '柳林村三组 12 号', '老人行动不便，想咨询赡养费问题', '工作日上午', '2026/12/01 10:00']) {
      expect(first).toContain(text)
    }
    expect(card('hv-1').classList).not.toContain('is-urgent')
    expect(card('hv-2').classList).toContain('is-urgent')
    expect(card('hv-2').querySelector('[data-test="eligibility"]')!.textContent!.trim()).toBe('重病患者')
    expect(card('hv-2').textContent).toContain('法律明白人代邻居申请，口头同意')
    // Scheduled: when and who, the note, the history; 完成 waits for the visit's time.
    expect(card('hv-3').querySelector('[data-test="visit-time"]')!.textContent).toBe('2026/12/10 09:00–10:00')
    expect(card('hv-3').textContent).toContain('残疾人')
    expect(card('hv-3').textContent).toContain('安排说明携带调解申请书样本')
    expect(card('hv-3').textContent).toContain('处理记录（2）')
    expect(buttonNamed('完成', card('hv-3')).disabled).toBe(true)
    expect(card('hv-3').textContent).toContain('上门时间开始后可登记完成')
    expect(buttonNamed('重新安排', card('hv-3'))).toBeTruthy()
    expect(() => buttonNamed('婉拒', card('hv-3'))).toThrow()
    expect(buttonNamed('安排上门', card('hv-1'))).toBeTruthy()
    expect(buttonNamed('婉拒', card('hv-1'))).toBeTruthy()
    // Advisors get no region filters: the server scopes the list to their villages.
    expect(document.querySelector('.region-picker')).toBeNull()
    expect(pageText()).toContain('没有更多了')
  })

  it('filters by status and loads the next page with the cursor', async () => {
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(advisorUser),
        'GET /api/v1/home-visits': (req) =>
          json(req.query.get('cursor') === '1:hv-1' ? homeVisitPage([scheduled]) : homeVisitPage([homeVisit()], '1:hv-1')),
      }),
    )
    await mountApp('/home-visits', signedIn)
    await vi.waitFor(() => expect(cards()).toHaveLength(1))

    await chooseOption('filter-status', '已安排')
    await vi.waitFor(() => expect(listCalls(sent).at(-1)!.query.toString()).toBe('status=SCHEDULED'))

    buttonNamed('加载更多').click()
    await vi.waitFor(() => expect(cards()).toHaveLength(2))
    expect(listCalls(sent).at(-1)!.query.toString()).toBe('status=SCHEDULED&cursor=1%3Ahv-1')
    expect(document.querySelector('[data-test="load-more"]')).toBeNull()
  })

  it('also reads a plain array with the requester’s name and one note', async () => {
    stubNetwork(
      routes({
        'GET /api/v1/me': () => json(advisorUser),
        'GET /api/v1/home-visits': () =>
          json([{ ...scheduled, scheduleNote: undefined, note: '请准备好病历', requestedByName: '张桂兰', history: [{ ...scheduled.history[0]!, byName: '张桂兰' }] }]),
      }),
    )

    await mountApp('/home-visits', signedIn)

    await vi.waitFor(() => expect(cards()).toHaveLength(1))
    expect(card('hv-3').textContent).toContain('安排说明请准备好病历')
    expect(card('hv-3').textContent).toContain('（张桂兰）')
    expect(card('hv-3').textContent).toContain('待安排 · 张桂兰')
  })

  it('schedules a visit for the advisor themself', async () => {
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(advisorUser),
        'GET /api/v1/home-visits': () => json(homeVisitPage([homeVisit()])),
        'POST /api/v1/home-visits/hv-1/schedule': (req) => {
          const body = JSON.parse(req.body) as { startAt: string; endAt: string; note: string }
          return json(homeVisit({ status: 'SCHEDULED', advisorName: '李文博', startAt: body.startAt, endAt: body.endAt, scheduleNote: body.note }))
        },
      }),
    )
    await mountApp('/home-visits', signedIn)
    await vi.waitFor(() => expect(cards()).toHaveLength(1))

    buttonNamed('安排上门', card('hv-1')).click()
    await found('[data-test="schedule-visit-dialog"]')
    expect(openDialog().textContent).toContain('张桂兰（高龄老人）')
    expect(openDialog().querySelector('[data-test="visit-advisor"]')).toBeNull()
    // Nothing chosen: the form says what is missing.
    buttonNamed('确定安排', openDialog()).click()
    await vi.waitFor(() => expect(openDialog().textContent).toContain('请选择上门日期'))

    await pickDate('2026-12-10')
    await chooseOption('visit-start', '09:00')
    await chooseOption('visit-end', '10:30')
    typeText(openDialog().querySelector('textarea')!, '请准备好赡养协议')
    buttonNamed('确定安排', openDialog()).click()

    await vi.waitFor(() => expect(card('hv-1').querySelector('[data-test="visit-status"]')!.textContent).toBe('已安排'))
    expect(JSON.parse(sent.find((req) => req.method === 'POST')!.body)).toEqual({
      startAt: '2026-12-10T09:00:00+08:00',
      endAt: '2026-12-10T10:30:00+08:00',
      note: '请准备好赡养协议',
    })
    expect(pageText()).toContain('已安排上门：张桂兰')
    expect(buttonNamed('完成', card('hv-1'))).toBeTruthy()
  })

  it('keeps a visit to at most four hours', async () => {
    const sent = stubNetwork(routes({ 'GET /api/v1/me': () => json(advisorUser), 'GET /api/v1/home-visits': () => json(homeVisitPage([homeVisit()])) }))
    await mountApp('/home-visits', signedIn)
    await vi.waitFor(() => expect(cards()).toHaveLength(1))

    buttonNamed('安排上门', card('hv-1')).click()
    await found('[data-test="schedule-visit-dialog"]')
    await pickDate('2026-12-10')
    await chooseOption('visit-start', '08:00')
    await chooseOption('visit-end', '12:30')
    buttonNamed('确定安排', openDialog()).click()

    await vi.waitFor(() => expect(openDialog().textContent).toContain('一次上门最长 4 小时'))
    expect(sent.some((req) => req.method === 'POST')).toBe(false)
  })

  it('moves an arranged visit, starting from its current time', async () => {
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(advisorUser),
        'GET /api/v1/home-visits': () => json(homeVisitPage([scheduled])),
        'POST /api/v1/home-visits/hv-3/schedule': () => json({ ...scheduled, startAt: '2026-12-10T06:00:00Z', endAt: '2026-12-10T07:00:00Z', scheduleVersion: 2 }),
      }),
    )
    await mountApp('/home-visits', signedIn)
    await vi.waitFor(() => expect(cards()).toHaveLength(1))

    buttonNamed('重新安排', card('hv-3')).click()
    await found('[data-test="schedule-visit-dialog"]')
    expect(openDialog().textContent).toContain('改期后将重新通知申请人')
    await chooseOption('visit-start', '14:00')
    await chooseOption('visit-end', '15:00')
    buttonNamed('确定改期', openDialog()).click()

    await vi.waitFor(() => expect(card('hv-3').querySelector('[data-test="visit-time"]')!.textContent).toBe('2026/12/10 14:00–15:00'))
    expect(JSON.parse(sent.find((req) => req.method === 'POST')!.body)).toEqual({
      startAt: '2026-12-10T14:00:00+08:00',
      endAt: '2026-12-10T15:00:00+08:00',
      note: '携带调解申请书样本',
    })
  })

  it('declines a request only with a reason', async () => {
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(advisorUser),
        'GET /api/v1/home-visits': () => json(homeVisitPage([homeVisit()])),
        'POST /api/v1/home-visits/hv-1/decline': (req) => json(homeVisit({ status: 'DECLINED', declineReason: JSON.parse(req.body).reason })),
      }),
    )
    await mountApp('/home-visits', signedIn)
    await vi.waitFor(() => expect(cards()).toHaveLength(1))

    buttonNamed('婉拒', card('hv-1')).click()
    await found('.el-message-box')
    expect(openDialog().textContent).toContain('申请人会收到婉拒原因')
    buttonNamed('婉拒', openDialog()).click()
    await vi.waitFor(() => expect(openDialog().textContent).toContain('请填写婉拒原因'))
    expect(sent.some((req) => req.method === 'POST')).toBe(false)

    typeText(openDialog().querySelector('textarea')!, '可改为电话咨询')
    buttonNamed('婉拒', openDialog()).click()

    await vi.waitFor(() => expect(card('hv-1').querySelector('[data-test="visit-status"]')!.textContent).toBe('未能上门'))
    expect(card('hv-1').textContent).toContain('婉拒原因可改为电话咨询')
    expect(JSON.parse(sent.find((req) => req.method === 'POST')!.body)).toEqual({ reason: '可改为电话咨询' })
    expect(card('hv-1').querySelector('button')).toBeNull()
  })

  it('completes a visit under way with a note, and shows why the server refused', async () => {
    let refuse = true
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(advisorUser),
        'GET /api/v1/home-visits': () => json(homeVisitPage([underWay])),
        'POST /api/v1/home-visits/hv-4/complete': (req) =>
          refuse
            ? problem(409, 'HOME_VISIT_STATE', '该申请刚被他人处理（当前状态：已撤销），请刷新后再操作。')
            : json({ ...underWay, status: 'COMPLETED', completionNote: JSON.parse(req.body).note }),
      }),
    )
    await mountApp('/home-visits', signedIn)
    await vi.waitFor(() => expect(cards()).toHaveLength(1))
    expect(buttonNamed('完成', card('hv-4')).disabled).toBe(false)

    buttonNamed('完成', card('hv-4')).click()
    await found('.el-message-box')
    buttonNamed('完成', openDialog()).click()
    await vi.waitFor(() => expect(pageText()).toContain('该申请刚被他人处理（当前状态：已撤销），请刷新后再操作。'))

    refuse = false
    buttonNamed('完成', card('hv-4')).click()
    await vi.waitFor(() => expect(openDialog().textContent).toContain('完成上门服务'))
    typeText(openDialog().querySelector('textarea')!, '已解答，协助起草调解申请')
    buttonNamed('完成', openDialog()).click()

    await vi.waitFor(() => expect(card('hv-4').querySelector('[data-test="visit-status"]')!.textContent).toBe('已完成'))
    expect(card('hv-4').textContent).toContain('服务情况已解答，协助起草调解申请')
    expect(sent.filter((req) => req.method === 'POST').map((req) => JSON.parse(req.body))).toEqual([
      { note: '' },
      { note: '已解答，协助起草调解申请' },
    ])
  })
})

describe('home visits (admin)', () => {
  it('must choose the advisor who goes, the village’s own advisor first', async () => {
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(adminUser),
        'GET /api/v1/regions': () => json([]),
        'GET /api/v1/admin/advisors': () => json([wangFang, liMing]),
        'GET /api/v1/home-visits': () => json(homeVisitPage([seriouslyIll])),
        'POST /api/v1/home-visits/hv-2/schedule': (req) => json({ ...seriouslyIll, status: 'SCHEDULED', ...JSON.parse(req.body) } as HomeVisit),
      }),
    )
    await mountApp('/home-visits', signedIn)
    await vi.waitFor(() => expect(cards()).toHaveLength(1))
    expect(document.querySelectorAll('.home-visits__filter .region-picker')).toHaveLength(2)

    buttonNamed('安排上门', card('hv-2')).click()
    await found('[data-test="schedule-visit-dialog"] [data-test="visit-advisor"]')
    // 李明 serves 柳林村 and is the only one who does: chosen already.
    await vi.waitFor(() => expect(openDialog().querySelector('[data-test="visit-advisor"]')!.textContent).toContain('李明（本村法律顾问）'))

    await pickDate('2026-12-09')
    await chooseOption('visit-start', '14:00')
    await chooseOption('visit-end', '15:00')
    buttonNamed('确定安排', openDialog()).click()

    await vi.waitFor(() => expect(sent.some((req) => req.method === 'POST')).toBe(true))
    expect(JSON.parse(sent.find((req) => req.method === 'POST')!.body)).toEqual({
      startAt: '2026-12-09T14:00:00+08:00',
      endAt: '2026-12-09T15:00:00+08:00',
      advisorId: 'adv-1',
      note: '',
    })
  })

  it('refuses to schedule without an advisor', async () => {
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(adminUser),
        'GET /api/v1/regions': () => json([]),
        'GET /api/v1/admin/advisors': () => json([wangFang]),
        'GET /api/v1/home-visits': () => json(homeVisitPage([seriouslyIll])),
      }),
    )
    await mountApp('/home-visits', signedIn)
    await vi.waitFor(() => expect(cards()).toHaveLength(1))

    buttonNamed('安排上门', card('hv-2')).click()
    await found('[data-test="schedule-visit-dialog"] [data-test="visit-advisor"]')
    buttonNamed('确定安排', openDialog()).click()

    await vi.waitFor(() => expect(openDialog().textContent).toContain('请选择上门的法律顾问'))
    expect(sent.some((req) => req.method === 'POST')).toBe(false)
  })
})
