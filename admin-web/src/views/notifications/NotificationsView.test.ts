import { describe, expect, it, vi } from 'vitest'
import type { Delivery } from '@/api/notifications'
import { signedIn, township } from '@/test/directory'
import { deadLetter, delivery, health, robot, unconfirmed, WEBHOOK } from '@/test/notifications'
import {
  buttonNamed,
  countyAdmin,
  found,
  json,
  mountApp,
  noContent,
  openDialog,
  pageText,
  problem,
  routes,
  stubNetwork,
  typeInto,
  type SentRequest,
} from '@/test/support'

const deliveryRows = () => [...document.querySelectorAll<HTMLElement>('[data-test="deliveries"] .el-table__body tbody tr.el-table__row')]
const healthRows = () => [...document.querySelectorAll<HTMLElement>('[data-test="channel-health"] .el-table__body tbody tr')]
const robotRows = () => [...document.querySelectorAll<HTMLElement>('[data-test="robots"] .el-table__body tbody tr')]
const listCalls = (sent: SentRequest[]) => sent.filter((req) => req.method === 'GET' && req.path === '/api/v1/admin/notifications')

const base = {
  'GET /api/v1/me': () => json(countyAdmin),
  'GET /api/v1/admin/notifications/health': () => json(health),
}

/** Chooses an option of an Element Plus select (the options render outside the app). */
async function choose(selectTest: string, optionText: string) {
  document.querySelector<HTMLElement>(`[data-test="${selectTest}"] .el-select__wrapper`)!.click()
  const option = await vi.waitFor(() => {
    const item = [...document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find(
      (candidate) => candidate.textContent?.trim() === optionText,
    )
    if (!item) throw new Error(`no option ${optionText}`)
    return item
  })
  option.click()
}

describe('notifications page: deliveries', () => {
  it('is in the side menu and shows channel health and the deliveries in Chinese', async () => {
    const sent = stubNetwork(
      routes({ ...base, 'GET /api/v1/admin/notifications': () => json({ items: [delivery(), deadLetter], nextCursor: null }) }),
    )

    const { wrapper } = await mountApp('/notifications', signedIn)

    expect(wrapper.find('.el-menu').text()).toContain('消息通知')
    await vi.waitFor(() => expect(deliveryRows()).toHaveLength(2))
    expect(document.querySelector('[data-test="channel-health"]')!.textContent).toContain('渠道健康（最近一小时）')
    expect(healthRows().map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent!.trim()))).toEqual([
      ['沙箱', '12', '0', '0', '0'],
      ['订阅消息', '5', '2', '3', '4'],
    ])
    // The first page, newest first, with no filter but the page size.
    expect(listCalls(sent).map((req) => req.query.toString())).toEqual(['limit=50'])
    const [delivered, dead] = deliveryRows()
    expect(delivered!.textContent).toContain('预约成功')
    expect(delivered!.textContent).toContain('已送达')
    expect(delivered!.textContent).toContain('沙箱')
    expect(delivered!.textContent).toContain('2026/12/07 09:00')
    expect(dead!.textContent).toContain('失败')
    expect(dead!.textContent).toContain('43101 用户拒绝接受消息')
    // Only a dead letter can be sent again.
    expect(delivered!.textContent).not.toContain('重发')
    expect(buttonNamed('重发', dead!)).toBeTruthy()
    expect(pageText()).toContain('没有更多了')
  })

  it('filters by status, keeping the other filters, and starts again from the first page', async () => {
    const sent = stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/notifications': (req) =>
          json({ items: req.query.get('status') === 'DEAD' ? [deadLetter] : [delivery(), deadLetter], nextCursor: null }),
      }),
    )
    const { wrapper } = await mountApp('/notifications', signedIn)
    await vi.waitFor(() => expect(deliveryRows()).toHaveLength(2))

    await wrapper.find('input[name="template"]').setValue('answer.ready')
    await choose('filter-status', '失败')

    await vi.waitFor(() => expect(deliveryRows()).toHaveLength(1))
    expect(listCalls(sent).at(-1)!.query.toString()).toBe('limit=50&status=DEAD&template=answer.ready')
    expect(deliveryRows()[0]!.textContent).toContain('您的问题已有答复')

    buttonNamed('重置').click()
    await vi.waitFor(() => expect(deliveryRows()).toHaveLength(2))
    expect(listCalls(sent).at(-1)!.query.toString()).toBe('limit=50')
  })

  it('loads older deliveries with the cursor and the same filter', async () => {
    const older = delivery({ id: '665f1c2e8b3e4a0012340001', title: '明日驻点提醒', template: 'duty.reminder' })
    const sent = stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/notifications': (req) =>
          req.query.get('cursor') === 'cursor-1'
            ? json({ items: [older], nextCursor: null })
            : json({ items: [delivery()], nextCursor: 'cursor-1' }),
      }),
    )
    const { wrapper } = await mountApp('/notifications', signedIn)
    await vi.waitFor(() => expect(deliveryRows()).toHaveLength(1))
    // Typed but not applied: "加载更多" continues the list that is shown.
    await wrapper.find('input[name="recipientId"]').setValue('u-other')

    buttonNamed('加载更多').click()

    await vi.waitFor(() => expect(deliveryRows()).toHaveLength(2))
    expect(listCalls(sent).at(-1)!.query.toString()).toBe('limit=50&cursor=cursor-1')
    expect(deliveryRows()[1]!.textContent).toContain('明日驻点提醒')
    expect(document.querySelector('[data-test="load-more"]')).toBeNull()
    expect(pageText()).toContain('已显示 2 条')
  })

  it('shows the masked template data and the last error of an expanded row', async () => {
    stubNetwork(routes({ ...base, 'GET /api/v1/admin/notifications': () => json({ items: [deadLetter], nextCursor: null }) }))
    await mountApp('/notifications', signedIn)
    await vi.waitFor(() => expect(deliveryRows()).toHaveLength(1))

    deliveryRows()[0]!.querySelector<HTMLElement>('.el-table__expand-icon')!.click()

    const detail = await found('[data-test="delivery-detail"]')
    expect(detail.textContent).toContain('最近一次失败：43101 用户拒绝接受消息')
    expect(detail.querySelector('[data-test="delivery-data"]')!.textContent).toContain('idNumber621025********123X')
    expect(detail.textContent).toContain('u-resident-1')
  })

  it('sends a dead letter again after confirmation and shows it queued', async () => {
    const requeued: Delivery = { ...deadLetter, status: 'PENDING', attempts: 0, lastError: null, nextAttemptAt: '2026-12-07T02:00:00Z' }
    const sent = stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/notifications': () => json({ items: [deadLetter], nextCursor: null }),
        [`POST /api/v1/admin/notifications/${deadLetter.id}/retry`]: () => json(requeued),
      }),
    )
    await mountApp('/notifications', signedIn)
    await vi.waitFor(() => expect(deliveryRows()).toHaveLength(1))

    buttonNamed('重发', deliveryRows()[0]!).click()
    await found('.el-message-box')
    expect(openDialog().textContent).toContain('您的问题已有答复')
    buttonNamed('重发', openDialog()).click()

    await vi.waitFor(() => expect(deliveryRows()[0]!.querySelector('[data-test="delivery-status"]')!.textContent).toBe('待发送'))
    expect(deliveryRows()[0]!.textContent).toContain('计划于 2026/12/07 10:00 发送')
    expect(pageText()).toContain('已重新排队发送')
    expect(sent.filter((req) => req.method === 'POST')).toHaveLength(1)
  })

  it('warns that an unconfirmed message may arrive twice before sending it again, and shows why it took another route', async () => {
    const sent = stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/notifications': () => json({ items: [unconfirmed], nextCursor: null }),
        [`POST /api/v1/admin/notifications/${unconfirmed.id}/retry`]: () =>
          json({ ...unconfirmed, status: 'PENDING', lastError: null }),
      }),
    )
    await mountApp('/notifications', signedIn)
    await vi.waitFor(() => expect(deliveryRows()).toHaveLength(1))
    expect(deliveryRows()[0]!.textContent).toContain('未确认')

    deliveryRows()[0]!.querySelector<HTMLElement>('.el-table__expand-icon')!.click()
    const detail = await found('[data-test="delivery-detail"]')
    expect(detail.textContent).toContain('未经首选渠道送达：OFFICIAL_ACCOUNT：用户 48 小时内没有给公众号发过消息')

    buttonNamed('重发', deliveryRows()[0]!).click()
    await found('.el-message-box')
    expect(openDialog().textContent).toContain('收件人可能会收到两次')
    buttonNamed('重发', openDialog()).click()
    await vi.waitFor(() => expect(sent.filter((req) => req.method === 'POST')).toHaveLength(1))
  })

  it('does nothing when the retry is cancelled', async () => {
    const sent = stubNetwork(routes({ ...base, 'GET /api/v1/admin/notifications': () => json({ items: [deadLetter], nextCursor: null }) }))
    await mountApp('/notifications', signedIn)
    await vi.waitFor(() => expect(deliveryRows()).toHaveLength(1))

    buttonNamed('重发', deliveryRows()[0]!).click()
    await found('.el-message-box')
    buttonNamed('取消', openDialog()).click()

    await vi.waitFor(() => expect(openDialog).toThrow('no open dialog'))
    expect(sent.some((req) => req.method === 'POST')).toBe(false)
    expect(deliveryRows()[0]!.querySelector('[data-test="delivery-status"]')!.textContent).toBe('失败')
  })

  it('shows why a retry was refused and reloads the list to show where the delivery stands', async () => {
    let retriedElsewhere = false
    const sent = stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/notifications': () =>
          json({ items: [retriedElsewhere ? { ...deadLetter, status: 'PENDING', attempts: 0 } : deadLetter], nextCursor: null }),
        [`POST /api/v1/admin/notifications/${deadLetter.id}/retry`]: () => {
          retriedElsewhere = true
          return problem(409, 'NOT_DEAD_LETTER', '只有投递失败（DEAD）的通知可以重发。')
        },
      }),
    )
    await mountApp('/notifications', signedIn)
    await vi.waitFor(() => expect(deliveryRows()).toHaveLength(1))

    buttonNamed('重发', deliveryRows()[0]!).click()
    await found('.el-message-box')
    buttonNamed('重发', openDialog()).click()

    await vi.waitFor(() => expect(pageText()).toContain('只有投递失败（DEAD）的通知可以重发。'))
    await vi.waitFor(() => expect(deliveryRows()[0]!.querySelector('[data-test="delivery-status"]')!.textContent).toBe('待发送'))
    expect(listCalls(sent)).toHaveLength(2)
  })

  it('shows the server’s reason when the list cannot be read', async () => {
    stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/notifications': () => problem(403, 'FORBIDDEN', '该区域不在您的管辖范围内。'),
      }),
    )

    await mountApp('/notifications', signedIn)

    await vi.waitFor(() => expect(pageText()).toContain('该区域不在您的管辖范围内。'))
    expect(pageText()).toContain('暂无投递记录')
  })
})

describe('notifications page: group robots', () => {
  const regions = {
    // The robots' region names are looked up among their parents' children.
    'GET /api/v1/regions': () => json([township]),
  }

  it('opens from the tab, lists robots with their purpose and key hint, and keeps the tab in the address', async () => {
    const sent = stubNetwork(
      routes({
        ...base,
        ...regions,
        'GET /api/v1/admin/notifications': () => json({ items: [], nextCursor: null }),
        'GET /api/v1/admin/robots': () =>
          json([robot(), robot({ id: 'robot-2', name: '柳林村1+N群', regionCode: '621025100201', purpose: 'VILLAGE_TEAM', keyHint: '****c3d4' })]),
      }),
    )
    const { router } = await mountApp('/notifications', signedIn)
    expect(sent.some((req) => req.path === '/api/v1/admin/robots')).toBe(false)

    ;[...document.querySelectorAll<HTMLElement>('.el-tabs__item')].find((tab) => tab.textContent?.trim() === '群机器人')!.click()

    await vi.waitFor(() => expect(robotRows()).toHaveLength(2))
    expect(router.currentRoute.value.query.tab).toBe('robots')
    expect(robotRows()[0]!.textContent).toContain('乡镇法律顾问群')
    expect(robotRows()[0]!.textContent).toContain('****a1b2')
    await vi.waitFor(() => expect(robotRows()[0]!.textContent).toContain('山河镇'))
    expect(robotRows()[1]!.textContent).toContain('村“1+N”群')
    expect(robotRows()[1]!.textContent).toContain('621025100201')
  })

  it('adds a robot with the webhook typed into a password field, and never shows the webhook', async () => {
    let saved = false
    const sent = stubNetwork(
      routes({
        ...base,
        ...regions,
        'GET /api/v1/admin/robots': () => json(saved ? [robot()] : []),
        'POST /api/v1/admin/robots': () => {
          saved = true
          return json(robot(), 201)
        },
      }),
    )
    await mountApp('/notifications?tab=robots', signedIn)
    await vi.waitFor(() => expect(pageText()).toContain('暂无群机器人'))

    buttonNamed('新增群机器人').click()
    const webhook = await found<HTMLInputElement>('.el-dialog input[name="webhook"]')
    expect(webhook.type).toBe('password')
    typeInto(document.querySelector<HTMLInputElement>('.el-dialog input[name="name"]')!, '山河镇法律顾问群')
    typeInto(webhook, ` ${WEBHOOK} `)
    buttonNamed('保存', openDialog()).click()

    await vi.waitFor(() => expect(robotRows()).toHaveLength(1))
    expect(JSON.parse(sent.find((req) => req.method === 'POST')!.body)).toEqual({
      name: '山河镇法律顾问群',
      regionCode: countyAdmin.regions[0]!.code,
      purpose: 'TOWNSHIP_ADVISORS',
      webhook: WEBHOOK,
    })
    expect(pageText()).toContain('已添加群机器人：山河镇法律顾问群')
    expect(pageText()).not.toContain('693a91f6')
    // The closed dialog keeps no copy of the webhook.
    expect(document.querySelector<HTMLInputElement>('.el-dialog input[name="webhook"]')!.value).toBe('')
  })

  it('checks the webhook before calling the server', async () => {
    const sent = stubNetwork(routes({ ...base, ...regions, 'GET /api/v1/admin/robots': () => json([]) }))
    await mountApp('/notifications?tab=robots', signedIn)
    await vi.waitFor(() => expect(pageText()).toContain('暂无群机器人'))

    buttonNamed('新增群机器人').click()
    typeInto(await found<HTMLInputElement>('.el-dialog input[name="name"]'), '山河镇法律顾问群')
    typeInto(document.querySelector<HTMLInputElement>('.el-dialog input[name="webhook"]')!, 'https://example.com/hook')
    buttonNamed('保存', openDialog()).click()

    await vi.waitFor(() => expect(pageText()).toContain('应为 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… 形式的完整地址'))
    expect(sent.some((req) => req.method === 'POST')).toBe(false)
  })

  it('puts the server’s field errors next to the fields', async () => {
    const sent = stubNetwork(
      routes({
        ...base,
        ...regions,
        'GET /api/v1/admin/robots': () => json([]),
        'POST /api/v1/admin/robots': () =>
          problem(400, 'VALIDATION_FAILED', '请求参数有误', {
            errors: [{ field: 'regionCode', message: '村“1+N”群应属于一个村（社区）' }],
          }),
      }),
    )
    await mountApp('/notifications?tab=robots', signedIn)
    await vi.waitFor(() => expect(pageText()).toContain('暂无群机器人'))

    buttonNamed('新增群机器人').click()
    typeInto(await found<HTMLInputElement>('.el-dialog input[name="name"]'), '柳林村1+N群')
    ;[...openDialog().querySelectorAll<HTMLElement>('.el-radio')].find((radio) => radio.textContent?.includes('1+N'))!.click()
    typeInto(document.querySelector<HTMLInputElement>('.el-dialog input[name="webhook"]')!, WEBHOOK)
    buttonNamed('保存', openDialog()).click()

    await vi.waitFor(() => expect(openDialog().querySelector('.el-alert')?.textContent).toContain('请求参数有误'))
    await vi.waitFor(() =>
      expect(openDialog().querySelector('.el-form-item.is-error .el-form-item__error')?.textContent?.trim()).toBe('村“1+N”群应属于一个村（社区）'),
    )
    expect(openDialog().querySelector('.el-form-item.is-error .el-form-item__label')!.textContent).toBe('所属区域')
    expect(JSON.parse(sent.find((req) => req.method === 'POST')!.body)).toMatchObject({ name: '柳林村1+N群', purpose: 'VILLAGE_TEAM' })
  })

  it('deletes a robot after confirmation', async () => {
    let deleted = false
    const sent = stubNetwork(
      routes({
        ...base,
        ...regions,
        'GET /api/v1/admin/robots': () => json(deleted ? [] : [robot()]),
        'DELETE /api/v1/admin/robots/robot-1': () => {
          deleted = true
          return noContent()
        },
      }),
    )
    await mountApp('/notifications?tab=robots', signedIn)
    await vi.waitFor(() => expect(robotRows()).toHaveLength(1))

    buttonNamed('删除', robotRows()[0]!).click()
    await found('.el-message-box')
    expect(openDialog().textContent).toContain('山河镇法律顾问群')
    buttonNamed('删除', openDialog()).click()

    await vi.waitFor(() => expect(pageText()).toContain('暂无群机器人'))
    expect(sent.filter((req) => req.method === 'DELETE')).toHaveLength(1)
    expect(pageText()).toContain('已删除 山河镇法律顾问群')
  })
})
