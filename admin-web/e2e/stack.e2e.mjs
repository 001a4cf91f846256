// API checks through the running gateway (same stack as the browser test): `npm run test:e2e`.
// Runs after the browser test because its last case deliberately exhausts this client's rate limit.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import SwaggerParser from '@apidevtools/swagger-parser'

const gateway = new URL('/', process.env.E2E_BASE_URL ?? 'http://localhost:8080/admin/')
const url = (path) => new URL(path, gateway)
const json = { 'Content-Type': 'application/json' }

async function problemOf(response, status, code) {
  assert.equal(response.status, status)
  assert.match(response.headers.get('content-type'), /^application\/problem\+json/)
  const problem = await response.json()
  assert.equal(problem.code, code)
  assert.match(problem.detail, /\p{Script=Han}/u, 'detail is Chinese')
  assert.ok(problem.traceId, 'carries a traceId')
  return problem
}

test('health through the gateway is UP with mongo and redis', async () => {
  const health = await (await fetch(url('/actuator/health'))).json()
  assert.equal(health.status, 'UP')
  assert.equal(health.components.mongo.status, 'UP')
  assert.equal(health.components.redis.status, 'UP')
})

test('the OpenAPI document through the gateway is valid OpenAPI 3 and documents the sign-in endpoints', async () => {
  const document = await (await fetch(url('/v3/api-docs'))).json()
  const api = await SwaggerParser.validate(structuredClone(document))
  assert.match(api.openapi, /^3\./)
  for (const path of ['/api/v1/auth/wechat', '/api/v1/auth/login', '/api/v1/auth/logout', '/oauth2/token',
    '/oauth2/jwks', '/api/v1/me', '/api/v1/regions']) {
    assert.ok(document.paths[path], `${path} is documented`)
  }
  const swaggerUi = await fetch(url('/swagger-ui/index.html'))
  assert.equal(swaggerUi.status, 200)
})

test('sandbox sign-in gives a token for /api/v1/me; a tampered token and malformed JSON are problems', async () => {
  const signIn = await fetch(url('/api/v1/auth/wechat'), {
    method: 'POST', headers: json, body: JSON.stringify({ code: 'sandbox:端到端测试' }),
  })
  assert.equal(signIn.status, 200)
  const tokens = await signIn.json()
  const me = await fetch(url('/api/v1/me'), { headers: { Authorization: `Bearer ${tokens.access_token}` } })
  assert.equal(me.status, 200)
  assert.equal((await me.json()).displayName, '端到端测试')
  assert.ok(me.headers.get('x-request-id'), 'the gateway returns a request id')

  const tampered = tokens.access_token.slice(0, -4) + 'AAAA'
  await problemOf(await fetch(url('/api/v1/me'), { headers: { Authorization: `Bearer ${tampered}` } }),
    401, 'INVALID_TOKEN')
  await problemOf(await fetch(url('/api/v1/auth/login'), { method: 'POST', headers: json, body: '{"username":' }),
    400, 'MALFORMED_REQUEST')
})

test('a burst of anonymous requests from one client is limited with 429 and Retry-After', async () => {
  const responses = await Promise.all(
    Array.from({ length: 120 }, () => fetch(url('/oauth2/jwks'))),
  )
  const limited = responses.filter((response) => response.status === 429)
  assert.ok(limited.length > 0, 'some requests are limited')
  assert.ok(responses.some((response) => response.status === 200), 'the first ones pass')
  const problem = await problemOf(limited[0], 429, 'RATE_LIMITED')
  assert.ok(Number(limited[0].headers.get('retry-after')) >= 1, 'Retry-After in seconds')
  assert.equal(problem.status, 429)
  await Promise.all(responses.filter((response) => !response.bodyUsed).map((response) => response.body?.cancel()))
})
