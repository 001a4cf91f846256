// Browser test of 消息通知 against a running stack (gateway + api with the demo county): `npm run test:e2e`;
// environment in browser.mjs. The demo may have no deliveries yet: an empty list is a valid answer.
// The robot added here is deleted again, and its webhook key is new on every run.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { test } from 'node:test'

import { baseUrl, consolePath, inBrowser, password, username } from './browser.mjs'

const apiResponse = (page, method, pathPattern, accept = () => true) =>
  page.waitForResponse((response) => {
    const url = new URL(response.url())
    return response.request().method() === method && pathPattern.test(url.pathname) && accept(url)
  })

/** The dialog or message box on top (Element Plus keeps closed dialogs in the page, hidden). */
const openDialog = (page) => page.locator('.el-dialog, .el-message-box').filter({ visible: true }).last()

async function chooseOption(page, select, optionText) {
  await select.click()
  await page.locator('.el-select-dropdown__item').filter({ visible: true }).filter({ hasText: optionText }).first().click()
}

/** Picks 山河镇 in a region cascader, opening 甘肃省, 庆阳市 and 正宁县 on the way when the api lists them. */
async function chooseTownship(page, cascader) {
  await cascader.click()
  const node = (name) =>
    page.locator('.el-cascader-node').filter({ visible: true }).filter({ has: page.locator('.el-cascader-node__label', { hasText: new RegExp(`^${name}$`) }) })
  await page.locator('.el-cascader-node').filter({ visible: true }).first().waitFor()
  const lineage = ['甘肃省', '庆阳市', '正宁县', '山河镇']
  for (const [index, name] of lineage.slice(0, -1).entries()) {
    const next = node(lineage[index + 1])
    if ((await node(name).isVisible()) && !(await next.isVisible())) {
      // Each level is loaded when its parent is opened.
      await node(name).locator('.el-cascader-node__label').click()
      await next.waitFor()
    }
  }
  // Any level may be chosen (check-strictly): the radio beside the name selects it.
  await node('山河镇').locator('.el-radio').click()
  await page.keyboard.press('Escape')
}

test('an admin checks notification deliveries and channel health, filters by status, and manages group robots', async (t) => {
  await inBrowser(t, async (page) => {
    // Sign in.
    await page.goto(baseUrl.href)
    await page.waitForURL((url) => url.pathname === consolePath('login'))
    await page.getByLabel('用户名').fill(username)
    await page.getByLabel('密码', { exact: true }).fill(password)
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForURL((url) => url.pathname === consolePath('./'))

    // 1. 消息通知 from the menu: channel health and the first page of deliveries.
    const healthAnswer = apiResponse(page, 'GET', /^\/api\/v1\/admin\/notifications\/health$/)
    const listAnswer = apiResponse(page, 'GET', /^\/api\/v1\/admin\/notifications$/)
    await page.locator('.el-menu-item', { hasText: '消息通知' }).click()
    await page.waitForURL((url) => url.pathname === consolePath('notifications'))
    const health = await healthAnswer
    assert.equal(health.status(), 200, `health refused: ${await health.text()}`)
    const channels = await health.json()
    assert.ok(Array.isArray(channels), 'health is a list of channels')
    const healthCard = page.locator('[data-test="channel-health"]')
    await healthCard.getByText('渠道健康（最近一小时）').waitFor()
    if (channels.length === 0) {
      await healthCard.getByText('最近一小时没有发送记录').waitFor()
    } else {
      await healthCard.locator('.el-table__body tbody tr').nth(channels.length - 1).waitFor()
    }

    const list = await listAnswer
    assert.equal(list.status(), 200, `deliveries refused: ${await list.text()}`)
    const first = await list.json()
    assert.ok(Array.isArray(first.items), 'the page has items')
    const table = page.locator('[data-test="deliveries"]')
    await table.waitFor()
    if (first.items.length === 0) {
      await table.getByText('暂无投递记录').waitFor()
    } else {
      await table.locator('.el-table__row').first().waitFor()
    }

    // 2. Only the delivered ones.
    const filtered = apiResponse(page, 'GET', /^\/api\/v1\/admin\/notifications$/, (url) => url.searchParams.get('status') === 'DELIVERED')
    await chooseOption(page, page.locator('[data-test="filter-status"]'), '已送达')
    const filteredAnswer = await filtered
    assert.equal(filteredAnswer.status(), 200, `filtered deliveries refused: ${await filteredAnswer.text()}`)
    const delivered = await filteredAnswer.json()
    assert.ok(delivered.items.every((item) => item.status === 'DELIVERED'), 'the api filtered by status')
    if (delivered.items.length === 0) {
      await table.getByText('暂无投递记录').waitFor()
    } else {
      await table.locator('.el-table__row').nth(Math.min(delivered.items.length, 50) - 1).waitFor()
      const statuses = await table.locator('[data-test="delivery-status"]').allTextContents()
      assert.deepEqual([...new Set(statuses.map((status) => status.trim()))], ['已送达'])
    }

    // 3. 群机器人: the list, then a robot added (its webhook never shown again) and deleted.
    const robotsAnswer = apiResponse(page, 'GET', /^\/api\/v1\/admin\/robots$/)
    await page.locator('.el-tabs__item', { hasText: '群机器人' }).click()
    await page.waitForURL((url) => url.pathname === consolePath('notifications') && url.searchParams.get('tab') === 'robots')
    const robots = await robotsAnswer
    assert.equal(robots.status(), 200, `robots refused: ${await robots.text()}`)
    const robotTable = page.locator('[data-test="robots"]')
    await robotTable.waitFor()

    const run = Date.now().toString(36)
    const name = `e2e 法律顾问群 ${run}`
    const key = randomUUID()
    await page.getByRole('button', { name: '新增群机器人' }).click()
    const dialog = openDialog(page)
    await dialog.locator('input[name="name"]').fill(name)
    await dialog.locator('.el-radio', { hasText: '乡镇法律顾问群' }).click()
    await chooseTownship(page, dialog.locator('.el-cascader'))
    const webhook = dialog.locator('input[name="webhook"]')
    assert.equal(await webhook.getAttribute('type'), 'password')
    await webhook.fill(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`)
    const created = apiResponse(page, 'POST', /^\/api\/v1\/admin\/robots$/)
    await dialog.getByRole('button', { name: '保存' }).click()
    const createdAnswer = await created
    assert.equal(createdAnswer.status(), 201, `robot refused: ${await createdAnswer.text()}`)
    const robot = await createdAnswer.json()
    assert.deepEqual(createdAnswer.request().postDataJSON(), {
      name,
      regionCode: '621025100000',
      purpose: 'TOWNSHIP_ADVISORS',
      webhook: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`,
    })
    assert.ok(!JSON.stringify(robot).includes(key), 'the api does not send the webhook back')
    const row = robotTable.locator('.el-table__row', { hasText: name })
    await row.getByText(robot.keyHint).waitFor()
    await row.getByText('乡镇法律顾问群').waitFor()
    assert.ok(!(await page.content()).includes(key), 'the webhook is not on the page')

    await row.getByRole('button', { name: '删除' }).click()
    const deleted = apiResponse(page, 'DELETE', /^\/api\/v1\/admin\/robots\/[^/]+$/)
    await openDialog(page).getByRole('button', { name: '删除' }).click()
    assert.equal((await deleted).status(), 204)
    await row.waitFor({ state: 'detached' })
  })
})
