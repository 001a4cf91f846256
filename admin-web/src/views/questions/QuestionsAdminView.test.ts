import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { signedIn } from '@/test/directory'
import { queueItem, queuePage, questionView } from '@/test/questions'
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

// Tuesday 8 December 2026, 10:00 in Asia/Shanghai.
const NOW = new Date('2026-12-08T02:00:00Z')

const rows = () => [...document.querySelectorAll<HTMLElement>('[data-test="questions"] .el-table__body tbody tr.el-table__row')]
const rowOf = (text: string) => rows().find((row) => row.textContent!.includes(text))!
const listCalls = (sent: SentRequest[]) => sent.filter((req) => req.method === 'GET' && req.path === '/api/v1/admin/questions')
const asAdmin = { 'GET /api/v1/me': () => json(adminUser) }

const heldForReview = queueItem({
  id: 'q-7',
  status: 'HELD_FOR_REVIEW',
  statusLabel: '待审核',
  villageName: '西坡村',
  excerpt: '有人在群里卖假药，怎么举报？',
  greenChannel: true,
})
const answered = queueItem({ id: 'q-8', status: 'ANSWERED', statusLabel: '已解答', answered: true, excerpt: '赡养费怎么算？' })

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
})

describe('问答管理: the list', () => {
  it('lists the region’s questions, with review buttons only for held ones', async () => {
    const sent = stubNetwork(routes({ ...asAdmin, 'GET /api/v1/admin/questions': () => json(queuePage([heldForReview, answered, queueItem()])) }))

    const { wrapper } = await mountApp('/questions', signedIn)

    await vi.waitFor(() => expect(rows()).toHaveLength(3))
    expect(wrapper.find('.el-menu').text()).toContain('问答管理')
    expect(listCalls(sent).map((req) => req.query.toString())).toEqual(['limit=20'])
    const held = rowOf('有人在群里卖假药')
    for (const text of ['西坡村', '土地承包与流转', '绿色通道', '本村', '待审核', '2026/12/08 08:30']) expect(held.textContent).toContain(text)
    expect(buttonNamed('通过', held)).toBeTruthy()
    expect(buttonNamed('驳回', held)).toBeTruthy()
    for (const other of [rowOf('赡养费怎么算'), rowOf('界石')]) {
      expect(() => buttonNamed('通过', other)).toThrow()
      expect(() => buttonNamed('驳回', other)).toThrow()
      expect(buttonNamed('详情', other)).toBeTruthy()
    }
  })

  it('filters by status and topic, and continues with the cursor', async () => {
    const sent = stubNetwork(
      routes({
        ...asAdmin,
        'GET /api/v1/admin/questions': (req) =>
          json(req.query.get('cursor') === 'c-2' ? queuePage([answered]) : queuePage([heldForReview], 'c-2')),
      }),
    )
    await mountApp('/questions', signedIn)
    await vi.waitFor(() => expect(rows()).toHaveLength(1))

    await chooseOption('filter-status', '待审核')
    await vi.waitFor(() => expect(listCalls(sent).at(-1)!.query.toString()).toBe('status=HELD_FOR_REVIEW&limit=20'))
    await chooseOption('filter-topic', '劳动用工与欠薪')
    await vi.waitFor(() => expect(listCalls(sent).at(-1)!.query.toString()).toBe('status=HELD_FOR_REVIEW&topic=LABOUR&limit=20'))

    buttonNamed('加载更多').click()
    await vi.waitFor(() => expect(rows()).toHaveLength(2))
    expect(listCalls(sent).at(-1)!.query.toString()).toBe('status=HELD_FOR_REVIEW&topic=LABOUR&cursor=c-2&limit=20')
    expect(pageText()).toContain('没有更多了')
  })

  it('approves a held question, and rejects one only with a reason', async () => {
    const sent = stubNetwork(
      routes({
        ...asAdmin,
        'GET /api/v1/admin/questions': () => json(queuePage([heldForReview, { ...heldForReview, id: 'q-9', excerpt: '加微信领补贴' }])),
        'POST /api/v1/admin/questions/q-7/review': () => json(questionView({ id: 'q-7', status: 'OPEN', statusLabel: '待认领', claim: null })),
        'POST /api/v1/admin/questions/q-9/review': () => json(questionView({ id: 'q-9', status: 'REJECTED', statusLabel: '未通过审核', claim: null })),
      }),
    )
    await mountApp('/questions', signedIn)
    await vi.waitFor(() => expect(rows()).toHaveLength(2))

    buttonNamed('通过', rowOf('卖假药')).click()
    await found('.el-message-box')
    expect(openDialog().textContent).toContain('西坡村的土地承包与流转问题将进入法律顾问的问题队列')
    buttonNamed('通过', openDialog()).click()
    await vi.waitFor(() => expect(rowOf('卖假药').querySelector('[data-test="question-status"]')!.textContent!.trim()).toBe('待认领'))
    expect(() => buttonNamed('通过', rowOf('卖假药'))).toThrow()

    buttonNamed('驳回', rowOf('领补贴')).click()
    await vi.waitFor(() => expect(openDialog().textContent).toContain('提问人会收到驳回原因'))
    buttonNamed('驳回', openDialog()).click()
    await vi.waitFor(() => expect(openDialog().textContent).toContain('请填写驳回原因'))
    typeInto(openDialog().querySelector('textarea')!, ' 含有广告内容 ')
    buttonNamed('驳回', openDialog()).click()
    await vi.waitFor(() => expect(rowOf('领补贴').querySelector('[data-test="question-status"]')!.textContent!.trim()).toBe('未通过审核'))

    expect(sent.filter((req) => req.method === 'POST').map((req) => `${req.path} ${req.body}`)).toEqual([
      '/api/v1/admin/questions/q-7/review {"decision":"APPROVE"}',
      '/api/v1/admin/questions/q-9/review {"decision":"REJECT","reason":"含有广告内容"}',
    ])
  })

  it('reads the list again when another admin decided first', async () => {
    let reads = 0
    const sent = stubNetwork(
      routes({
        ...asAdmin,
        'GET /api/v1/admin/questions': () => json(queuePage([reads++ === 0 ? heldForReview : { ...heldForReview, status: 'OPEN', statusLabel: '待认领' }])),
        'POST /api/v1/admin/questions/q-7/review': () => problem(409, 'NOT_HELD_FOR_REVIEW', '该问题已审核'),
      }),
    )
    await mountApp('/questions', signedIn)
    await vi.waitFor(() => expect(rows()).toHaveLength(1))

    buttonNamed('通过', rows()[0]!).click()
    await found('.el-message-box')
    buttonNamed('通过', openDialog()).click()

    await vi.waitFor(() => expect(pageText()).toContain('该问题已审核'))
    await vi.waitFor(() => expect(rows()[0]!.textContent).toContain('待认领'))
    expect(listCalls(sent)).toHaveLength(2)
  })
})

/** Figures of nothing measured, with `values` set. */
function figures(values: Record<string, number | null> = {}) {
  return {
    questions: 0, answered: 0, closed: 0, claimMedian: null, claimP90: null, answerMedian: null, answerP90: null,
    resolutionMedian: null, resolutionP90: null, claimBreaches: 0, answerBreaches: 0, resolutionBreaches: 0,
    ratings: 0, averageStars: null, ...values,
  }
}

describe('问答管理: 时效统计', () => {
  it('shows per-advisor and per-village time limits for the admin’s region over the last 30 days', async () => {
    const sent = stubNetwork(
      routes({
        ...asAdmin,
        'GET /api/v1/regions': () => json([]),
        'GET /api/v1/admin/questions/sla': () =>
          json({
            regionCode: '621025000000',
            from: '2026-11-09',
            to: '2026-12-08',
            total: figures({ questions: 15 }),
            byAdvisor: [{
              id: 'adv-1',
              name: '李明',
              figures: figures({
                questions: 12, answered: 10, closed: 8, claimMedian: 25, claimP90: 90, answerMedian: 120,
                answerP90: 1560, resolutionMedian: 2880, claimBreaches: 1, answerBreaches: 1, ratings: 6, averageStars: 4.5,
              }),
            }],
            byVillage: [{ id: '621025100201', name: '柳林村', figures: figures({ questions: 3 }) }],
          }),
      }),
    )

    const { router } = await mountApp('/questions?tab=sla', signedIn)

    const advisorTable = await found('[data-test="sla-by-advisor"]')
    await vi.waitFor(() => expect(advisorTable.querySelectorAll('.el-table__body tbody tr')).toHaveLength(1))
    expect(router.currentRoute.value.query.tab).toBe('sla')
    expect(listCalls(sent)).toHaveLength(0)
    expect(sent.find((req) => req.path === '/api/v1/admin/questions/sla')!.query.toString()).toBe('region=621025000000&from=2026-11-09&to=2026-12-08')
    const cells = (table: Element) => [...table.querySelectorAll('.el-table__body tbody tr td')].map((cell) => cell.textContent!.trim())
    expect(cells(advisorTable)).toEqual(['李明', '12', '10', '8', '25 分钟', '1 小时 30 分', '2 小时', '1 天 2 小时', '2 天', '—', '2', '4.5（6 条）'])
    expect(cells(document.querySelector('[data-test="sla-by-village"]')!)).toEqual(['柳林村', '3', '0', '0', '—', '—', '—', '—', '—', '—', '0', '—'])
  })
})
