import { describe, expect, it, vi } from 'vitest'
import { REFRESH_TOKEN_KEY } from '@/stores/auth'
import { countyAdmin, json, mountApp, pageText, problem, stubNetwork } from '@/test/support'

const signedIn = { accessToken: 'a1', refreshToken: 'r1' }
const zhengning = { code: '621025000000', name: '正宁县', level: 'COUNTY', parentCode: '621000000000', hasChildren: true }
const townships = [
  { code: '621025100000', name: '山河镇', level: 'TOWNSHIP', parentCode: '621025000000', hasChildren: true },
  { code: '621025101000', name: '榆林子镇', level: 'TOWNSHIP', parentCode: '621025000000', hasChildren: false },
]

function regionName(node: { find(selector: string): { text(): string } }) {
  return node.find('.region-tree__name').text()
}

describe('dashboard', () => {
  it('shows the signed-in user with roles and regions in Chinese', async () => {
    stubNetwork((req) => (req.path === '/api/v1/me' ? json(countyAdmin) : json([])))

    const { wrapper } = await mountApp('/', signedIn)

    await vi.waitFor(() => expect(wrapper.find('[data-test="user-name"]').text()).toBe('张建国'))
    expect(wrapper.find('[data-test="current-user"]').text()).toBe('张建国')
    const text = wrapper.find('.el-descriptions').text()
    expect(text).toContain('管理员')
    expect(text).toContain('法律顾问')
    expect(text).toContain('正宁县（县）')
    expect(text).not.toContain('ADMIN')
    expect(wrapper.find('.el-menu').text()).toContain('工作台')
  })

  it('loads the region tree lazily, one level per expansion', async () => {
    const sent = stubNetwork((req) => {
      if (req.path === '/api/v1/me') return json(countyAdmin)
      return json(req.query.get('parent') === '621025000000' ? townships : [zhengning])
    })
    const { wrapper } = await mountApp('/', signedIn)

    await vi.waitFor(() => expect(wrapper.findAll('.el-tree-node').map(regionName)).toEqual(['正宁县']))
    const regionCalls = () => sent.filter((req) => req.path === '/api/v1/regions')
    expect(regionCalls().map((req) => req.query.toString())).toEqual([''])

    await wrapper.find('.el-tree-node__content').trigger('click')

    await vi.waitFor(() =>
      expect(wrapper.findAll('.el-tree-node').map(regionName)).toEqual(['正宁县', '山河镇', '榆林子镇']),
    )
    expect(regionCalls().map((req) => req.query.get('parent'))).toEqual([null, '621025000000'])
    const [, shanhe, yulinzi] = wrapper.findAll('.el-tree-node')
    expect(shanhe!.find('.el-tree-node__expand-icon').classes()).not.toContain('is-leaf')
    expect(yulinzi!.find('.el-tree-node__expand-icon').classes()).toContain('is-leaf')
  })

  it('shows why a region level could not be loaded', async () => {
    stubNetwork((req) =>
      req.path === '/api/v1/me' ? json(countyAdmin) : problem(403, 'FORBIDDEN', '您无权查看该区域'),
    )

    await mountApp('/', signedIn)

    await vi.waitFor(() => expect(pageText()).toContain('您无权查看该区域'))
  })

  it('signs out on the server and returns to the login page', async () => {
    const sent = stubNetwork((req) => {
      if (req.path === '/api/v1/me') return json(countyAdmin)
      if (req.path === '/api/v1/auth/logout') return new Response(null, { status: 204 })
      return json([])
    })
    const { wrapper, router } = await mountApp('/', signedIn)

    const signOut = wrapper.findAll('button').find((button) => button.text() === '退出登录')!
    await signOut.trigger('click')

    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
    const logout = sent.find((req) => req.path === '/api/v1/auth/logout')!
    expect(logout.method).toBe('POST')
    expect(logout.authorization).toBe('Bearer a1')
    expect(JSON.parse(logout.body)).toEqual({ refresh_token: 'r1' })
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull()
  })

  it('follows a sign-out in another tab', async () => {
    stubNetwork((req) => (req.path === '/api/v1/me' ? json(countyAdmin) : json([])))
    const { router } = await mountApp('/', signedIn)

    localStorage.removeItem(REFRESH_TOKEN_KEY)
    window.dispatchEvent(new StorageEvent('storage', { key: REFRESH_TOKEN_KEY, newValue: null, oldValue: 'r1' }))

    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
  })

  it('sends a signed-out visitor to the login page, remembering where they were going', async () => {
    const sent = stubNetwork(() => json({}))

    const { router } = await mountApp('/?view=regions')

    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/?view=regions')
    expect(sent).toHaveLength(0)
  })
})
