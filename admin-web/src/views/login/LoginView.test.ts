import type { VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { REFRESH_TOKEN_KEY } from '@/stores/auth'
import { countyAdmin, json, mountApp, pageText, problem, stubNetwork, tokens } from '@/test/support'

async function signIn(wrapper: VueWrapper, username: string, password: string) {
  await wrapper.find('input[name="username"]').setValue(username)
  await wrapper.find('input[name="password"]').setValue(password)
  await wrapper.find('button[type="submit"]').trigger('click')
}

describe('login page', () => {
  it('shows the detail of a refused login', async () => {
    stubNetwork(() => problem(401, 'INVALID_CREDENTIALS', '用户名或密码错误'))
    const { wrapper, router } = await mountApp('/login')

    await signIn(wrapper, 'zn-admin', 'wrong')

    await vi.waitFor(() => expect(wrapper.find('.el-alert').text()).toBe('用户名或密码错误'))
    expect(router.currentRoute.value.name).toBe('login')
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull()
  })

  it('shows the detail of a locked account', async () => {
    stubNetwork(() =>
      problem(423, 'ACCOUNT_LOCKED', '账号已被临时锁定，请 15 分钟后再试', {}, { 'Retry-After': '900' }),
    )
    const { wrapper } = await mountApp('/login')

    await signIn(wrapper, 'zn-admin', 'wrong')

    await vi.waitFor(() => expect(wrapper.find('.el-alert').text()).toBe('账号已被临时锁定，请 15 分钟后再试'))
  })

  it('signs in, keeps only the refresh token in storage and opens the page asked for', async () => {
    const sent = stubNetwork((req) => {
      if (req.path === '/api/v1/auth/login') return tokens('a1', 'r1')
      if (req.path === '/api/v1/me') return json(countyAdmin)
      return json([])
    })
    const { wrapper, router, auth } = await mountApp('/')
    expect(router.currentRoute.value.fullPath).toBe('/login?redirect=/')

    await signIn(wrapper, ' zn-admin ', 'Demo@2026')

    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('dashboard'))
    await vi.waitFor(() => expect(wrapper.find('[data-test="current-user"]').text()).toBe('张建国'))
    const login = sent.find((req) => req.path === '/api/v1/auth/login')!
    expect(JSON.parse(login.body)).toEqual({ username: 'zn-admin', password: 'Demo@2026' })
    expect(sent.find((req) => req.path === '/api/v1/me')!.authorization).toBe('Bearer a1')
    expect(auth.accessToken).toBe('a1')
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('r1')
    expect(Object.values({ ...localStorage })).not.toContain('a1')
  })

  it('asks for both fields before calling the server', async () => {
    const sent = stubNetwork(() => json({}))
    const { wrapper } = await mountApp('/login')

    await wrapper.find('button[type="submit"]').trigger('click')

    await vi.waitFor(() => {
      expect(pageText()).toContain('请输入用户名')
      expect(pageText()).toContain('请输入密码')
    })
    expect(sent).toHaveLength(0)
  })

  it('shows field errors next to their fields', async () => {
    stubNetwork(() =>
      problem(400, 'VALIDATION_FAILED', '提交的内容有误', {
        errors: [{ field: 'username', message: '长度不能超过 64 个字符' }],
      }),
    )
    const { wrapper } = await mountApp('/login')

    await signIn(wrapper, 'x'.repeat(65), 'secret')

    await vi.waitFor(() =>
      expect(wrapper.findAll('.el-form-item')[0]!.find('.el-form-item__error').text()).toBe('长度不能超过 64 个字符'),
    )
    expect(wrapper.find('.el-alert').text()).toBe('提交的内容有误')
  })

  it('says so when the network is down', async () => {
    stubNetwork(() => Promise.reject(new TypeError('Failed to fetch')))
    const { wrapper } = await mountApp('/login')

    await signIn(wrapper, 'zn-admin', 'Demo@2026')

    await vi.waitFor(() => expect(wrapper.find('.el-alert').text()).toBe('网络连接失败，请检查网络后重试'))
  })

  it('ignores a redirect to another site', async () => {
    stubNetwork((req) => {
      if (req.path === '/api/v1/auth/login') return tokens('a1', 'r1')
      if (req.path === '/api/v1/me') return json(countyAdmin)
      return json([])
    })
    const { wrapper, router } = await mountApp('/login?redirect=//evil.example/')

    await signIn(wrapper, 'zn-admin', 'Demo@2026')

    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/'))
  })
})
