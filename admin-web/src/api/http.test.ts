import { describe, expect, it, vi } from 'vitest'
import { REFRESH_TOKEN_KEY } from '@/stores/auth'
import { countyAdmin, json, pageText, problem, startApp, stubNetwork, tokens } from '@/test/support'
import { ApiProblem, NetworkError, request, SessionExpiredError } from './http'
import { getMe } from './me'
import { listRegions } from './regions'

const zhengning = { code: '621025000000', name: '正宁县', level: 'COUNTY', parentCode: '621000000000', hasChildren: true }

describe('http client', () => {
  it('sends the access token as a bearer token', async () => {
    startApp({ accessToken: 'a1', refreshToken: 'r1' })
    const sent = stubNetwork(() => json(countyAdmin))

    await expect(getMe()).resolves.toEqual(countyAdmin)

    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ method: 'GET', path: '/api/v1/me', authorization: 'Bearer a1' })
  })

  it('turns a problem+json answer into an ApiProblem', async () => {
    startApp({ accessToken: 'a1', refreshToken: 'r1' })
    stubNetwork(() =>
      problem(
        400,
        'VALIDATION_FAILED',
        '提交的内容有误',
        { errors: [{ field: 'name', message: '不能为空' }, { field: 'name', message: '太短' }] },
        { 'Retry-After': '30' },
      ),
    )

    const failure = await request('/api/v1/things', { method: 'POST', json: {} }).catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(ApiProblem)
    const apiProblem = failure as ApiProblem
    expect(apiProblem).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: '提交的内容有误',
      message: '提交的内容有误',
      traceId: 'trace-1',
      retryAfterSeconds: 30,
    })
    expect(apiProblem.errors).toEqual([
      { field: 'name', message: '不能为空' },
      { field: 'name', message: '太短' },
    ])
    expect(apiProblem.fieldErrors()).toEqual({ name: '不能为空' })
  })

  it('describes an error status without a problem body in Chinese', async () => {
    startApp({ accessToken: 'a1', refreshToken: 'r1' })
    stubNetwork(() => new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }))

    const failure = await getMe().catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(ApiProblem)
    expect(failure).toMatchObject({ status: 502, code: 'HTTP_502', detail: '服务暂时不可用，请稍后重试' })
  })

  it('reports a network failure in Chinese', async () => {
    startApp({ accessToken: 'a1', refreshToken: 'r1' })
    stubNetwork(() => Promise.reject(new TypeError('Failed to fetch')))

    const failure = await getMe().catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(NetworkError)
    expect((failure as Error).message).toBe('网络连接失败，请检查网络后重试')
  })

  it('refreshes once on 401 and retries the request with the new token', async () => {
    startApp({ accessToken: 'expired', refreshToken: 'r1' })
    const sent = stubNetwork((req) => {
      if (req.path === '/oauth2/token') return tokens('a2', 'r2')
      return req.authorization === 'Bearer a2' ? json(countyAdmin) : problem(401, 'INVALID_TOKEN', '登录已失效')
    })

    await expect(getMe()).resolves.toEqual(countyAdmin)

    expect(sent.map((req) => `${req.method} ${req.path} ${req.authorization ?? ''}`)).toEqual([
      'GET /api/v1/me Bearer expired',
      'POST /oauth2/token ',
      'GET /api/v1/me Bearer a2',
    ])
    expect(sent[1]!.contentType).toBe('application/x-www-form-urlencoded')
    expect(Object.fromEntries(new URLSearchParams(sent[1]!.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'r1',
    })
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('r2')
  })

  it('shares one refresh between concurrent 401s', async () => {
    startApp({ accessToken: 'expired', refreshToken: 'r1' })
    let rejected = 0
    let bothRejected!: () => void
    const bothRejectedSignal = new Promise<void>((resolve) => (bothRejected = resolve))
    const sent = stubNetwork(async (req) => {
      if (req.path === '/oauth2/token') {
        // Answer the refresh only after both requests were turned away, so they overlap.
        await bothRejectedSignal
        return tokens('a2', 'r2')
      }
      if (req.authorization !== 'Bearer a2') {
        if (++rejected === 2) bothRejected()
        return problem(401, 'INVALID_TOKEN', '登录已失效')
      }
      return req.path === '/api/v1/me' ? json(countyAdmin) : json([zhengning])
    })

    const [me, regions] = await Promise.all([getMe(), listRegions()])

    expect(me.displayName).toBe('张建国')
    expect(regions.map((region) => region.name)).toEqual(['正宁县'])
    expect(sent.filter((req) => req.path === '/oauth2/token')).toHaveLength(1)
    expect(sent.filter((req) => req.authorization === 'Bearer a2').map((req) => req.path).sort()).toEqual([
      '/api/v1/me',
      '/api/v1/regions',
    ])
  })

  it('retries a late 401 with the token another request already renewed', async () => {
    startApp({ accessToken: 'expired', refreshToken: 'r1' })
    let retried!: () => void
    const retriedSignal = new Promise<void>((resolve) => (retried = resolve))
    const sent = stubNetwork(async (req) => {
      if (req.path === '/oauth2/token') return tokens('a2', 'r2')
      if (req.authorization === 'Bearer a2') {
        if (req.path === '/api/v1/regions') retried()
        return req.path === '/api/v1/me' ? json(countyAdmin) : json([zhengning])
      }
      // The slow request is turned away only after the other one has renewed the token and retried.
      if (req.path === '/api/v1/me') await retriedSignal
      return problem(401, 'INVALID_TOKEN', '登录已失效')
    })

    const slow = getMe()
    await listRegions()
    await slow

    expect(sent.filter((req) => req.path === '/oauth2/token')).toHaveLength(1)
  })

  it('renews before the first request when only the refresh token survived a reload', async () => {
    localStorage.setItem(REFRESH_TOKEN_KEY, 'r1')
    startApp()
    const sent = stubNetwork((req) => (req.path === '/oauth2/token' ? tokens('a2', 'r2') : json(countyAdmin)))

    await getMe()

    expect(sent.map((req) => `${req.path} ${req.authorization ?? ''}`)).toEqual([
      '/oauth2/token ',
      '/api/v1/me Bearer a2',
    ])
  })

  it('signs out to the login page when the refresh token is refused', async () => {
    const { router } = startApp({ accessToken: 'expired', refreshToken: 'r1' })
    const sent = stubNetwork((req) =>
      req.path === '/oauth2/token'
        ? problem(400, 'INVALID_GRANT', '刷新令牌无效')
        : problem(401, 'INVALID_TOKEN', '登录已失效'),
    )

    await expect(getMe()).rejects.toBeInstanceOf(SessionExpiredError)

    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(sent.map((req) => req.path)).toEqual(['/api/v1/me', '/oauth2/token'])
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull()
    expect(pageText()).toContain('登录已过期，请重新登录')
  })

  it('keeps the session when the refresh fails for lack of network', async () => {
    const { auth } = startApp({ accessToken: 'expired', refreshToken: 'r1' })
    stubNetwork((req) =>
      req.path === '/oauth2/token'
        ? Promise.reject(new TypeError('Failed to fetch'))
        : problem(401, 'INVALID_TOKEN', '登录已失效'),
    )

    await expect(getMe()).rejects.toBeInstanceOf(NetworkError)

    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('r1')
    expect(auth.isAuthenticated).toBe(true)
  })
})
