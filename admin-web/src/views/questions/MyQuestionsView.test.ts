import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { signedIn } from '@/test/directory'
import { queueItem, queuePage, questionView } from '@/test/questions'
import { advisorUser, buttonNamed, json, mountApp, pageText, routes, stubNetwork, type SentRequest } from '@/test/support'

// Tuesday 8 December 2026, 10:00 in Asia/Shanghai.
const NOW = new Date('2026-12-08T02:00:00Z')

const card = (id: string) => document.querySelector<HTMLElement>(`[data-question="${id}"]`)!
const heldCalls = (sent: SentRequest[]) => sent.filter((req) => req.path === '/api/v1/queue/mine')
const asAdvisor = { 'GET /api/v1/me': () => json(advisorUser) }

const plenty = queueItem({ status: 'CLAIMED', statusLabel: '解答中', leaseUntil: '2026-12-08T02:14:00Z', escalateAt: null })
const expiring = queueItem({ id: 'q-2', status: 'CLAIMED', statusLabel: '解答中', leaseUntil: '2026-12-08T02:04:30Z', urgent: true, escalateAt: null })

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
})

describe('my questions (advisor)', () => {
  it('lists the questions held with the time left on each lease, the nearly expired ones marked', async () => {
    const sent = stubNetwork(routes({ ...asAdvisor, 'GET /api/v1/queue/mine': () => json(queuePage([expiring, plenty])) }))

    const { wrapper } = await mountApp('/questions/mine', signedIn)

    await vi.waitFor(() => expect(card('q-1')).toBeTruthy())
    expect(wrapper.find('.el-menu').text()).toContain('我的解答')
    const lease = (id: string) => card(id).querySelector<HTMLElement>('[data-test="lease"]')!
    expect(lease('q-1').textContent!.trim()).toBe('认领将于 10:14 到期（剩余 14 分钟）')
    expect(lease('q-1').classList).not.toContain('is-expiring')
    expect(lease('q-2').textContent!.trim()).toBe('认领将于 10:04 到期（剩余 4 分钟）')
    expect(lease('q-2').classList).toContain('is-expiring')
    expect(card('q-2').textContent).toContain('加急')
    expect(heldCalls(sent)).toHaveLength(1)
  })

  it('reads the list again every 30 seconds, and opens a question to answer it', async () => {
    let reads = 0
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        'GET /api/v1/queue/mine': () => json(queuePage(reads++ === 0 ? [expiring, plenty] : [plenty])),
        'GET /api/v1/questions/q-1': () => json(questionView({ messages: [] })),
      }),
    )
    const { router } = await mountApp('/questions/mine', signedIn)
    await vi.waitFor(() => expect(card('q-2')).toBeTruthy())

    // Half a minute on, the lapsed lease has dropped off.
    vi.setSystemTime(new Date(NOW.getTime() + 30_000))
    vi.advanceTimersByTime(30_000)
    await vi.waitFor(() => expect(card('q-2')).toBeNull())
    expect(heldCalls(sent)).toHaveLength(2)

    buttonNamed('去解答', card('q-1')).click()
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/questions/q-1'), { timeout: 10_000 })
  })

  it('points to the queue when nothing is held', async () => {
    stubNetwork(routes({ ...asAdvisor, 'GET /api/v1/queue/mine': () => json(queuePage([])), 'GET /api/v1/queue': () => json(queuePage([])) }))
    const { router } = await mountApp('/questions/mine', signedIn)

    await vi.waitFor(() => expect(pageText()).toContain('您目前没有认领的问题，可到问题队列认领'))
    buttonNamed('去问题队列').click()

    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('question-queue'), { timeout: 10_000 })
  })
})
