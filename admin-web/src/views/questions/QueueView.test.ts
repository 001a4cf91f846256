import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { signedIn } from '@/test/directory'
import { queueItem, queuePage, questionView } from '@/test/questions'
import { advisorUser, buttonNamed, json, mountApp, pageText, problem, routes, stubNetwork, type SentRequest } from '@/test/support'

// Tuesday 8 December 2026, 10:00 in Asia/Shanghai.
const NOW = new Date('2026-12-08T02:00:00Z')

const card = (id: string) => document.querySelector<HTMLElement>(`[data-question="${id}"]`)!
const cards = () => [...document.querySelectorAll<HTMLElement>('[data-test="question"]')].map((element) => element.dataset.question)
const queueCalls = (sent: SentRequest[]) => sent.filter((req) => req.path === '/api/v1/queue')
const asAdvisor = { 'GET /api/v1/me': () => json(advisorUser) }

const urgent = queueItem({
  id: 'q-2',
  urgent: true,
  greenChannel: true,
  villageName: '西坡村',
  topic: 'LABOUR',
  topicLabel: '劳动用工与欠薪',
  excerpt: '工地老板拖欠三个月工资，怎么要回来？',
  poolLevel: 'TOWNSHIP',
  askedAt: '2026-12-06T01:00:00Z',
  escalateAt: '2026-12-08T06:00:00Z',
})

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange'))
}

beforeEach(() => {
  // The clock and the page's intervals; Element Plus and vi.waitFor keep their real timeouts.
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  setVisibility('visible')
})

describe('question queue (advisor)', () => {
  it('is in an advisor’s menu and shows the open questions as cards with priority, pool and waiting time', async () => {
    const sent = stubNetwork(routes({ ...asAdvisor, 'GET /api/v1/queue': () => json(queuePage([urgent, queueItem()])) }))

    const { wrapper } = await mountApp('/questions/queue', signedIn)

    await vi.waitFor(() => expect(cards()).toEqual(['q-2', 'q-1']))
    expect(wrapper.find('.el-menu').text()).toContain('问题队列')
    expect(queueCalls(sent).map((req) => req.query.toString())).toEqual(['limit=20'])
    // The api's order (urgent first) is kept.
    const first = card('q-2')
    expect(first.querySelector('[data-test="badge-urgent"]')!.textContent!.trim()).toBe('加急')
    expect(first.querySelector('[data-test="badge-green"]')!.textContent!.trim()).toBe('绿色通道')
    expect(first.querySelector('[data-test="pool"]')!.textContent!.trim()).toBe('乡镇统筹')
    for (const text of ['西坡村', '劳动用工与欠薪', '工地老板拖欠三个月工资，怎么要回来？', '2026/12/06 09:00', '2026/12/08 14:00 起转县级统筹']) {
      expect(first.textContent).toContain(text)
    }
    expect(first.querySelector('[data-test="waiting"]')!.textContent).toBe('已等待 2 天 1 小时')
    const second = card('q-1')
    expect(second.querySelector('[data-test="badge-urgent"]')).toBeNull()
    expect(second.querySelector('[data-test="badge-green"]')).toBeNull()
    expect(second.querySelector('[data-test="pool"]')!.textContent!.trim()).toBe('本村')
    expect(second.querySelector('[data-test="waiting"]')!.textContent).toBe('已等待 1 小时 30 分')
    expect(second.textContent).toContain('2026/12/08 12:30 起转乡镇统筹')
    expect(pageText()).toContain('没有更多了')
  })

  it('claims a question and opens it', async () => {
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:attachment')
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        'GET /api/v1/queue': () => json(queuePage([queueItem()])),
        'POST /api/v1/questions/q-1/claim': () => json(questionView()),
        'GET /api/v1/questions/q-1': () => json(questionView({ claim: { ...questionView().claim!, leaseUntil: '2026-12-08T02:15:00Z' } })),
        'GET /api/v1/questions/q-1/attachments/att-1': () => new Response('jpg', { headers: { 'Content-Type': 'image/jpeg' } }),
        'GET /api/v1/questions/q-1/attachments/att-2': () => new Response('m4a', { headers: { 'Content-Type': 'audio/mp4' } }),
      }),
    )
    const { router } = await mountApp('/questions/queue', signedIn)
    await vi.waitFor(() => expect(cards()).toEqual(['q-1']))

    buttonNamed('认领', card('q-1')).click()

    // The question's page is compiled on first use, which takes a few seconds on a busy machine.
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/questions/q-1'), { timeout: 10_000 })
    expect(sent.filter((req) => req.method === 'POST').map((req) => req.path)).toEqual(['/api/v1/questions/q-1/claim'])
    await vi.waitFor(() => expect(pageText()).toContain('认领成功，请及时解答'))
  })

  it('says when another advisor was quicker and reads the queue again', async () => {
    let reads = 0
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        'GET /api/v1/queue': () => json(queuePage(reads++ === 0 ? [queueItem(), urgent] : [urgent])),
        'POST /api/v1/questions/q-1/claim': () => problem(409, 'ALREADY_CLAIMED', '该问题已被认领'),
      }),
    )
    const { router } = await mountApp('/questions/queue', signedIn)
    await vi.waitFor(() => expect(cards()).toEqual(['q-1', 'q-2']))

    buttonNamed('认领', card('q-1')).click()

    await vi.waitFor(() => expect(pageText()).toContain('已被其他顾问认领'))
    await vi.waitFor(() => expect(cards()).toEqual(['q-2']))
    expect(queueCalls(sent)).toHaveLength(2)
    expect(router.currentRoute.value.fullPath).toBe('/questions/queue')
  })

  it('shows why the advisor may not claim more, and keeps the list', async () => {
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        'GET /api/v1/queue': () => json(queuePage([queueItem()])),
        'POST /api/v1/questions/q-1/claim': () => problem(409, 'CLAIM_LIMIT_REACHED', '您已认领 5 个问题，请先解答或放回后再认领'),
      }),
    )
    await mountApp('/questions/queue', signedIn)
    await vi.waitFor(() => expect(cards()).toEqual(['q-1']))

    buttonNamed('认领', card('q-1')).click()

    await vi.waitFor(() => expect(pageText()).toContain('您已认领 5 个问题，请先解答或放回后再认领'))
    expect(pageText()).not.toContain('已被其他顾问认领')
    expect(queueCalls(sent)).toHaveLength(1)
  })

  it('loads the next page with the cursor, and refreshes every 30 seconds as many as are shown while visible', async () => {
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        'GET /api/v1/queue': (req) =>
          json(req.query.get('cursor') === 'c-2' ? queuePage([queueItem({ id: 'q-3' })]) : queuePage([urgent, queueItem()], 'c-2')),
      }),
    )
    await mountApp('/questions/queue', signedIn)
    await vi.waitFor(() => expect(cards()).toEqual(['q-2', 'q-1']))

    buttonNamed('加载更多').click()
    await vi.waitFor(() => expect(cards()).toEqual(['q-2', 'q-1', 'q-3']))
    expect(queueCalls(sent).at(-1)!.query.toString()).toBe('cursor=c-2&limit=20')

    vi.advanceTimersByTime(30_000)
    await vi.waitFor(() => expect(queueCalls(sent)).toHaveLength(3))
    expect(queueCalls(sent).at(-1)!.query.toString()).toBe('limit=20')

    // Hidden: no reading in the background; shown again: read at once.
    setVisibility('hidden')
    await vi.waitFor(() => expect(document.visibilityState).toBe('hidden'))
    vi.advanceTimersByTime(90_000)
    expect(queueCalls(sent)).toHaveLength(3)
    setVisibility('visible')
    await vi.waitFor(() => expect(queueCalls(sent)).toHaveLength(4))
  })

  it('keeps an admin who is not an advisor out', async () => {
    const sent = stubNetwork(routes({ 'GET /api/v1/me': () => json({ ...advisorUser, roles: ['ADMIN'] }), 'GET /api/v1/regions': () => json([]) }))

    const { router } = await mountApp('/questions/queue', signedIn)

    expect(router.currentRoute.value.name).toBe('dashboard')
    expect(queueCalls(sent)).toHaveLength(0)
  })
})
