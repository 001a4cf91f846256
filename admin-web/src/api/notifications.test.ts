import { describe, expect, it } from 'vitest'
import { signedIn } from '@/test/directory'
import { deadLetter, delivery, health, robot, WEBHOOK } from '@/test/notifications'
import { json, noContent, problem, startApp, stubNetwork } from '@/test/support'
import { ApiProblem } from './http'
import {
  channelLabel,
  CHANNELS,
  deliveryStatusLabel,
  DELIVERY_STATUSES,
  getChannelHealth,
  listDeliveries,
  retryDelivery,
} from './notifications'
import { createRobot, deleteRobot, listRobots, robotPurposeLabel } from './robots'

describe('notifications API module', () => {
  it('lists deliveries with the bearer token, sending only the filters given', async () => {
    startApp(signedIn)
    const page = { items: [delivery(), deadLetter], nextCursor: '665f1c2e8b3e4a0012345679' }
    const sent = stubNetwork(() => json(page))

    const answer = await listDeliveries({
      region: '621025100000',
      status: 'DEAD',
      channel: undefined,
      template: '  answer.ready ',
      recipientId: '',
      from: '2026-11-30T16:00:00.000Z',
      limit: 50,
    })

    expect(answer).toEqual(page)
    expect(sent[0]).toMatchObject({ method: 'GET', path: '/api/v1/admin/notifications', authorization: 'Bearer a1' })
    expect(Object.fromEntries(sent[0]!.query)).toEqual({
      region: '621025100000',
      status: 'DEAD',
      template: 'answer.ready',
      from: '2026-11-30T16:00:00.000Z',
      limit: '50',
    })
  })

  it('asks for the next page with the cursor', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => json({ items: [], nextCursor: null }))

    await listDeliveries({ status: 'PENDING', cursor: 'abc' })

    expect(sent[0]!.query.toString()).toBe('status=PENDING&cursor=abc')
  })

  it('retries a dead letter and returns the requeued delivery', async () => {
    startApp(signedIn)
    const requeued = { ...deadLetter, status: 'PENDING', attempts: 0, lastError: null }
    const sent = stubNetwork(() => json(requeued))

    await expect(retryDelivery(deadLetter.id)).resolves.toEqual(requeued)

    expect(sent[0]).toMatchObject({ method: 'POST', path: `/api/v1/admin/notifications/${deadLetter.id}/retry`, body: '' })
  })

  it('reports a retry of anything but a dead letter as NOT_DEAD_LETTER with the server’s reason', async () => {
    startApp(signedIn)
    stubNetwork(() => problem(409, 'NOT_DEAD_LETTER', '只有投递失败（DEAD）的通知可以重发。'))

    const failure = await retryDelivery('a/b').catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(ApiProblem)
    expect((failure as ApiProblem).code).toBe('NOT_DEAD_LETTER')
    expect((failure as ApiProblem).message).toBe('只有投递失败（DEAD）的通知可以重发。')
  })

  it('escapes the id in the retry path', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => json(deadLetter))

    await retryDelivery('a/b')

    expect(sent[0]!.path).toBe('/api/v1/admin/notifications/a%2Fb/retry')
  })

  it('reads the channel health of the last hour', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => json(health))

    await expect(getChannelHealth()).resolves.toEqual(health)
    expect(sent[0]).toMatchObject({ method: 'GET', path: '/api/v1/admin/notifications/health' })
  })

  it('names statuses and channels in Chinese, and passes unknown ones through', () => {
    expect(DELIVERY_STATUSES.map((status) => deliveryStatusLabel(status.value))).toEqual(['待发送', '已送达', '失败', '未确认'])
    expect(CHANNELS.map((channel) => channelLabel(channel.value))).toEqual([
      '沙箱',
      '站内信',
      '订阅消息',
      '公众号客服消息',
      '企业微信群机器人',
    ])
    expect(deliveryStatusLabel('SUPPRESSED')).toBe('SUPPRESSED')
    expect(channelLabel('SMS')).toBe('SMS')
  })
})

describe('robots API module', () => {
  it('lists robots, with the region only when one is chosen', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => json([robot()]))

    await expect(listRobots()).resolves.toEqual([robot()])
    await listRobots('621025100000')

    expect(sent.map((req) => `${req.method} ${req.path}?${req.query}`)).toEqual([
      'GET /api/v1/admin/robots?',
      'GET /api/v1/admin/robots?region=621025100000',
    ])
    expect(sent[0]!.authorization).toBe('Bearer a1')
  })

  it('adds a robot with its webhook as JSON', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => json(robot(), 201))
    const body = { name: '山河镇法律顾问群', regionCode: '621025100000', purpose: 'TOWNSHIP_ADVISORS' as const, webhook: WEBHOOK }

    await expect(createRobot(body)).resolves.toEqual(robot())

    expect(sent[0]).toMatchObject({ method: 'POST', path: '/api/v1/admin/robots', contentType: 'application/json' })
    expect(JSON.parse(sent[0]!.body)).toEqual(body)
  })

  it('hands back the field errors of a refused robot', async () => {
    startApp(signedIn)
    stubNetwork(() =>
      problem(400, 'VALIDATION_FAILED', '请求参数有误', { errors: [{ field: 'webhook', message: '不是企业微信群机器人的地址' }] }),
    )

    const failure = await createRobot({ name: 'x', regionCode: '621025100000', purpose: 'VILLAGE_TEAM', webhook: 'https://example.com' }).catch(
      (error: unknown) => error,
    )

    expect((failure as ApiProblem).fieldErrors()).toEqual({ webhook: '不是企业微信群机器人的地址' })
  })

  it('deletes a robot', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => noContent())

    await expect(deleteRobot('robot-1')).resolves.toBeUndefined()
    expect(sent[0]).toMatchObject({ method: 'DELETE', path: '/api/v1/admin/robots/robot-1' })
  })

  it('names the purposes in Chinese', () => {
    expect(robotPurposeLabel('TOWNSHIP_ADVISORS')).toBe('乡镇法律顾问群')
    expect(robotPurposeLabel('VILLAGE_TEAM')).toBe('村“1+N”群')
  })
})
