import { describe, expect, it, vi } from 'vitest'
import { signedIn } from '@/test/directory'
import { adminUser, advisorUser, countyAdmin, json, mountApp, pageText, stubNetwork } from '@/test/support'
import { featureRoutes } from './index'
import { mayOpen } from './access'

const menuItems = () => [...document.querySelectorAll('.el-menu-item')].map((item) => item.textContent?.trim())

/** Pages every signed-in user may open; every other page must say who may. */
const OPEN_TO_ALL = ['dashboard']

describe('pages by role', () => {
  it('has every page but the dashboard declare the roles that may open it', () => {
    const undeclared = featureRoutes.filter((route) => !route.meta?.roles).map((route) => route.name)
    expect(undeclared).toEqual(OPEN_TO_ALL)
  })

  it('lets any of the listed roles in, and everyone while the user is unknown', () => {
    expect(mayOpen({ roles: ['ADMIN'] }, countyAdmin)).toBe(true)
    expect(mayOpen({ roles: ['ADMIN'] }, advisorUser)).toBe(false)
    expect(mayOpen({ roles: ['ADVISOR', 'ADMIN'] }, advisorUser)).toBe(true)
    expect(mayOpen({}, advisorUser)).toBe(true)
    expect(mayOpen({ roles: ['ADMIN'] }, null)).toBe(true)
  })

  it('shows an admin every page in the menu', async () => {
    stubNetwork((req) => (req.path === '/api/v1/me' ? json(countyAdmin) : json([])))

    await mountApp('/', signedIn)

    await vi.waitFor(() => expect(menuItems()).toContain('消息通知'))
    expect(menuItems()).toEqual(expect.arrayContaining(['工作台', '村（社区）管理', '法律顾问', '驻点安排', '覆盖情况', '问答管理', '常用回复']))
  })

  it('shows an advisor only the pages for advisors', async () => {
    stubNetwork((req) => (req.path === '/api/v1/me' ? json(advisorUser) : json([])))

    await mountApp('/', signedIn)

    await vi.waitFor(() => expect(menuItems()).toContain('工作台'))
    expect(menuItems()).toEqual(['工作台', '问题队列', '我的解答', '我的预约', '上门服务', '常用回复'])
  })

  it('keeps the question queue from an admin who is not an advisor, and gives them 问答管理', async () => {
    stubNetwork((req) => (req.path === '/api/v1/me' ? json(adminUser) : json([])))

    await mountApp('/', signedIn)

    await vi.waitFor(() => expect(menuItems()).toContain('问答管理'))
    expect(menuItems()).toContain('常用回复')
    expect(menuItems()).not.toContain('问题队列')
    expect(menuItems()).not.toContain('我的解答')
  })

  it('sends an advisor who opens an admin page to the dashboard, saying why', async () => {
    const sent = stubNetwork((req) => (req.path === '/api/v1/me' ? json(advisorUser) : json([])))

    const { router } = await mountApp('/coverage', signedIn)

    expect(router.currentRoute.value.name).toBe('dashboard')
    await vi.waitFor(() => expect(pageText()).toContain('您没有权限访问该页面'))
    expect(sent.some((req) => req.path.startsWith('/api/v1/admin/'))).toBe(false)
  })
})
