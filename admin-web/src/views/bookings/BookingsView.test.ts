import { describe, expect, it, vi } from 'vitest'
import type { Booking } from '@/api/bookings'
import { booking, noShows } from '@/test/bookings'
import { liMing, signedIn, wangFang } from '@/test/directory'
import {
  adminUser,
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
  typeInto,
  type SentRequest,
} from '@/test/support'
import { addDays, shanghaiDate } from '@/utils/format'

const rows = () => [...document.querySelectorAll<HTMLElement>('[data-test="bookings"] .el-table__body tbody tr.el-table__row')]
const listCalls = (sent: SentRequest[]) => sent.filter((req) => req.path === '/api/v1/admin/bookings')
const cancelled = booking({
  id: 'bk-2',
  status: 'CANCELLED',
  personName: '钱德福',
  topic: 'NEIGHBOUR',
  topicLabel: '邻里纠纷',
  cancelReason: '村民临时外出',
  cancelledByRole: 'RESIDENT',
  cancelledAt: '2026-12-07T01:00:00Z',
})
const base = {
  'GET /api/v1/me': () => json(adminUser),
  'GET /api/v1/admin/advisors': () => json([liMing, wangFang]),
}

describe('booking management: list', () => {
  it('is in an admin’s menu and lists the first page of bookings', async () => {
    const sent = stubNetwork(routes({ ...base, 'GET /api/v1/admin/bookings': () => json({ items: [booking(), cancelled], total: 2, page: 0, size: 20 }) }))

    const { wrapper } = await mountApp('/bookings', signedIn)

    await vi.waitFor(() => expect(rows()).toHaveLength(2))
    expect(wrapper.find('.el-menu').text()).toContain('预约管理')
    expect(listCalls(sent).map((req) => req.query.toString())).toEqual(['page=0&size=20'])
    const first = rows()[0]!.textContent!
    for (const text of ['2026-12-08 周二', '09:00–09:30', '柳林村', '赵秀英', '139****5678', '土地承包与流转', '当面', '李明', '已预约']) {
      expect(first).toContain(text)
    }
    expect(rows()[1]!.textContent).toContain('已取消')
    // Only a booking still to come can be cancelled.
    expect(buttonNamed('取消', rows()[0]!)).toBeTruthy()
    expect(() => buttonNamed('取消', rows()[1]!)).toThrow()
    expect(pageText()).toContain('共 2 条')
  })

  it('filters by status and topic, starting again from the first page, and pages through the result', async () => {
    const sent = stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/bookings': (req) =>
          json({ items: [req.query.get('page') === '1' ? cancelled : booking()], total: 25, page: Number(req.query.get('page')), size: 20 }),
      }),
    )
    await mountApp('/bookings', signedIn)
    await vi.waitFor(() => expect(rows()).toHaveLength(1))

    document.querySelectorAll<HTMLElement>('.el-pager li')[1]!.click()
    await vi.waitFor(() => expect(rows()[0]!.textContent).toContain('钱德福'))
    expect(listCalls(sent).at(-1)!.query.toString()).toBe('page=1&size=20')

    await chooseOption('filter-status', '已取消')
    await vi.waitFor(() => expect(listCalls(sent).at(-1)!.query.toString()).toBe('status=CANCELLED&page=0&size=20'))
    await chooseOption('filter-topic', '邻里纠纷')
    await vi.waitFor(() => expect(listCalls(sent).at(-1)!.query.toString()).toBe('status=CANCELLED&topic=NEIGHBOUR&page=0&size=20'))
    await chooseOption('filter-advisor', '王芳')
    await vi.waitFor(() =>
      expect(listCalls(sent).at(-1)!.query.toString()).toBe('advisorId=adv-2&status=CANCELLED&topic=NEIGHBOUR&page=0&size=20'),
    )

    buttonNamed('重置').click()
    await vi.waitFor(() => expect(listCalls(sent).at(-1)!.query.toString()).toBe('page=0&size=20'))
  })

  it('exports the bookings of the filter shown as CSV with the bearer token', async () => {
    const saved: string[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:bookings')
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(`${this.download} ${this.href}`)
    })
    const sent = stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/bookings': () => json({ items: [cancelled], total: 1, page: 0, size: 20 }),
        'GET /api/v1/admin/bookings.csv': () =>
          new Response('\uFEFF日期,村（社区）\n', {
            headers: { 'Content-Type': 'text/csv', 'Content-Disposition': "attachment; filename*=UTF-8''%E9%A2%84%E7%BA%A6.csv" },
          }),
      }),
    )
    await mountApp('/bookings', signedIn)
    await vi.waitFor(() => expect(rows()).toHaveLength(1))
    await chooseOption('filter-status', '已取消')
    await vi.waitFor(() => expect(listCalls(sent)).toHaveLength(2))

    buttonNamed('导出 CSV').click()

    await vi.waitFor(() => expect(saved).toEqual(['预约.csv blob:bookings']))
    const download = sent.find((req) => req.path === '/api/v1/admin/bookings.csv')!
    expect(download.authorization).toBe('Bearer a1')
    expect(download.query.toString()).toBe('status=CANCELLED')
  })

  it('shows every field of a booking in a drawer and cancels it from there with a reason', async () => {
    const neighbour = booking({ forNeighbour: true, bookedByName: '张建国', note: '需带承包合同' })
    const answer: Booking = { ...neighbour, status: 'CANCELLED', cancelReason: '顾问出庭', cancelledByRole: 'ADMIN', cancelledAt: '2026-12-07T02:00:00Z' }
    const sent = stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/bookings': () => json({ items: [neighbour], total: 1, page: 0, size: 20 }),
        'POST /api/v1/bookings/bk-1/cancel': () => json(answer),
      }),
    )
    await mountApp('/bookings', signedIn)
    await vi.waitFor(() => expect(rows()).toHaveLength(1))

    buttonNamed('详情', rows()[0]!).click()
    const drawer = await found('.el-drawer')
    await vi.waitFor(() => expect(drawer.textContent).toContain('承包地被邻居占用，想咨询如何处理'))
    for (const text of ['预约详情', '2026-12-08 周二 09:00–09:30', '柳林村村委会（驻村）', '代为预约张建国', '需带承包合同', '已预约']) {
      expect(drawer.textContent).toContain(text)
    }

    buttonNamed('取消预约', drawer).click()
    await found('.el-message-box')
    expect(openDialog().textContent).toContain('系统将通知预约的村民')
    typeInto(openDialog().querySelector('input')!, '顾问出庭')
    buttonNamed('取消预约', openDialog()).click()

    await vi.waitFor(() => expect(drawer.querySelector('[data-test="drawer-status"]')!.textContent).toBe('已取消'))
    expect(drawer.textContent).toContain('取消方管理员')
    expect(drawer.textContent).toContain('取消原因顾问出庭')
    expect(rows()[0]!.querySelector('[data-test="booking-status"]')!.textContent).toBe('已取消')
    expect(JSON.parse(sent.find((req) => req.method === 'POST')!.body)).toEqual({ reason: '顾问出庭' })
  })

  it('shows the server’s reason when the list cannot be read', async () => {
    stubNetwork(routes({ ...base, 'GET /api/v1/admin/bookings': () => problem(403, 'FORBIDDEN', '该区域不在您的管辖范围内。') }))

    await mountApp('/bookings', signedIn)

    await vi.waitFor(() => expect(pageText()).toContain('该区域不在您的管辖范围内。'))
    expect(pageText()).toContain('暂无预约')
  })
})

describe('booking management: no-show rates', () => {
  it('shows the rates of the admin’s region over the last 90 days, worst first, a dash where nothing finished', async () => {
    const sent = stubNetwork(
      routes({
        ...base,
        'GET /api/v1/regions': () => json([]),
        'GET /api/v1/admin/bookings/no-shows': () => json(noShows),
      }),
    )
    await mountApp('/bookings?tab=no-shows', signedIn)

    await vi.waitFor(() => expect(document.querySelector('[data-test="total-rate"]')?.textContent).toContain('12.5%'))
    expect(sent.some((req) => req.path === '/api/v1/admin/bookings')).toBe(false)
    const today = shanghaiDate()
    expect(Object.fromEntries(sent.find((req) => req.path === '/api/v1/admin/bookings/no-shows')!.query)).toEqual({
      region: '621025000000',
      from: addDays(today, -89),
      to: today,
    })
    expect(document.querySelector('[data-test="total-finished"]')!.textContent).toContain('40')
    expect(document.querySelector('[data-test="total-no-shows"]')!.textContent).toContain('5')
    const advisorRows = [...document.querySelectorAll('[data-test="by-advisor"] .el-table__body tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent!.trim()),
    )
    expect(advisorRows).toEqual([
      ['李明', '30', '5', '16.7%'],
      ['王芳', '0', '0', '—'],
    ])
    expect(document.querySelector('[data-test="by-village"]')!.textContent).toContain('柳林村')
  })

  it('also reads rows named as advisorId/advisorName and villageCode/villageName, and goes back to the list', async () => {
    stubNetwork(
      routes({
        ...base,
        'GET /api/v1/regions': () => json([]),
        'GET /api/v1/admin/bookings': () => json({ items: [booking()], total: 1, page: 0, size: 20 }),
        'GET /api/v1/admin/bookings/no-shows': () =>
          json({
            ...noShows,
            byAdvisor: [{ advisorId: 'adv-1', advisorName: '李明', finished: 30, noShows: 5, rate: 1 / 6 }],
            byVillage: [{ villageCode: '621025100201', villageName: '柳林村', finished: 40, noShows: 5, rate: 0.125 }],
          }),
      }),
    )
    const { router } = await mountApp('/bookings?tab=no-shows', signedIn)

    await vi.waitFor(() => expect(document.querySelector('[data-test="by-advisor"]')?.textContent).toContain('李明'))
    expect(document.querySelector('[data-test="by-village"]')!.textContent).toContain('柳林村')

    ;[...document.querySelectorAll<HTMLElement>('.el-tabs__item')].find((tab) => tab.textContent?.trim() === '预约记录')!.click()
    await vi.waitFor(() => expect(router.currentRoute.value.query.tab).toBeUndefined())
    await vi.waitFor(() => expect(rows()).toHaveLength(1))
  })
})
