import { describe, expect, it, vi } from 'vitest'
import { board, signedIn, village } from '@/test/directory'
import { countyAdmin, json, mountApp, pageText, problem, routes, stubNetwork } from '@/test/support'

describe('village notice board', () => {
  it('shows the advisor, duty times and the 1+N team like the board on the wall', async () => {
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/regions': () => json([village]),
        [`GET /api/v1/villages/${village.code}`]: () => json(board),
      }),
    )

    await mountApp(`/board?village=${village.code}`, signedIn)

    const text = () => document.querySelector('[data-test="notice-board"]')?.textContent ?? ''
    await vi.waitFor(() => expect(text()).toContain('正宁县山河镇柳林村'))
    const advisor = document.querySelector('[data-test="board-advisor"]')!.textContent!
    expect(advisor).toContain('李明')
    expect(advisor).toContain('甘肃正宁律师事务所')
    expect(advisor).toContain('0934-1234567')
    expect(advisor).toContain('2026-01-01 至 2026-12-31')
    const sessionRow = document.querySelector('[data-test="board-sessions"] tbody tr')!.textContent!
    expect(sessionRow).toContain('2026-12-08 周二')
    expect(sessionRow).toContain('09:00–12:00')
    expect(sessionRow).toContain('柳林村村委会')
    expect(sessionRow).toContain('现场')
    expect(text()).toContain('坐班：王芳，山河镇公共法律服务工作站，每周一至周五 09:00–12:00')
    expect(text()).toContain('13912345678')
    expect(text()).toContain('赵秀英')
    // The board is public: it is read without the admin's token.
    expect(sent.find((req) => req.path.startsWith('/api/v1/villages/'))!.authorization).toBeNull()
    const links = Object.fromEntries(
      [...document.querySelectorAll<HTMLAnchorElement>('[data-test^="notice-"] a, a[data-test^="notice-"]')].map((link) => [link.textContent!.trim(), link.getAttribute('href')]),
    )
    expect(links).toEqual({
      '打印版（图片）': `/api/v1/villages/${village.code}/notice?format=png`,
      '打印版（PDF）': `/api/v1/villages/${village.code}/notice?format=pdf`,
    })
  })

  it('says plainly when a village has no advisor or sessions', async () => {
    stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/regions': () => json([village]),
        [`GET /api/v1/villages/${village.code}`]: () => json({ ...board, advisors: [], sessions: [], deskDuty: [], team: [] }),
      }),
    )

    await mountApp(`/board?village=${village.code}`, signedIn)

    await vi.waitFor(() => expect(pageText()).toContain('本村（社区）暂无已备案的法律顾问'))
    expect(pageText()).toContain('未来 8 周暂无驻点安排')
    expect(pageText()).toContain('暂无法律明白人')
  })

  it('shows why the board could not be loaded', async () => {
    stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/regions': () => json([]),
        'GET /api/v1/villages/621025199999': () => problem(404, 'NOT_FOUND', '没有这个村（社区）'),
      }),
    )

    await mountApp('/board?village=621025199999', signedIn)

    await vi.waitFor(() => expect(pageText()).toContain('没有这个村（社区）'))
  })
})
