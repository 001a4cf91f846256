// Browser test of the booking pages against a running stack (gateway + api with the demo county):
// `npm run test:e2e`; environment in browser.mjs (E2E_ADVISOR_USERNAME, default advisor-li, the demo advisor of
// 柳林村; the demo staff share one password). A resident books through the api, the village's advisor cancels the
// booking in 我的预约, and the admin finds it in 预约管理 and in the exported CSV.
// Rerunnable: each run signs in a new sandbox resident, whose booking is cancelled again (its place comes back).
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { test } from 'node:test'

import { baseUrl, consolePath, inBrowser, password, username } from './browser.mjs'

const VILLAGE = { code: '621025100201', name: '柳林村' }
const advisorUsername = process.env.E2E_ADVISOR_USERNAME ?? 'advisor-li'
// The slot must be this advisor's (柳林村 also lists other advisors' desk duty at the township station); the demo
// gives every advisor a weekly desk afternoon, so one is always open within the booking horizon.
const advisorName = process.env.E2E_ADVISOR_NAME ?? '李文博'
const gateway = new URL('/', baseUrl)
const api = (path) => new URL(path, gateway)

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

async function signIn(page, user) {
  await page.goto(baseUrl.href)
  await page.waitForURL((url) => url.pathname === consolePath('login'))
  await page.getByLabel('用户名').fill(user)
  await page.getByLabel('密码', { exact: true }).fill(password)
  const answer = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/login'))
  await page.getByRole('button', { name: '登录' }).click()
  const login = await answer
  assert.equal(login.status(), 200, `${user} could not sign in: ${await login.text()}`)
  await page.waitForURL((url) => url.pathname === consolePath('./'))
}

async function signOut(page) {
  await page.getByRole('button', { name: '退出登录' }).click()
  await page.waitForURL((url) => url.pathname === consolePath('login'))
}

/** The JSON of a fetch answer with the expected status; otherwise fails with the body, read once. */
async function answerOf(response, status, what) {
  const text = await response.text()
  assert.equal(response.status, status, `${what} answered ${response.status}: ${text}`)
  return JSON.parse(text)
}

/** A sandbox resident books the first open slot of 柳林村 (its advisor's, on site or at the township's station). */
async function bookAsResident(run) {
  const signIn = await fetch(api('/api/v1/auth/wechat'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: `sandbox:e2e村民${run}` }),
  })
  const { access_token: token } = await answerOf(signIn, 200, 'sandbox sign-in')

  const listing = await fetch(api(`/api/v1/villages/${VILLAGE.code}/slots`), { headers: { Authorization: `Bearer ${token}` } })
  const { slots } = await answerOf(listing, 200, 'the slot list')
  const slot = slots.find((candidate) => candidate.state === 'OPEN' && candidate.advisorName === advisorName)
  assert.ok(slot, `${VILLAGE.name} has an open slot of ${advisorName} in the demo county: ${JSON.stringify(slots.slice(0, 3))}`)

  const contactName = `e2e村民${run.slice(-6)}`
  const description = `端到端测试 ${run}：承包地被占用，想咨询如何处理`
  const mode = slot.modes.includes('IN_PERSON') ? 'IN_PERSON' : slot.modes[0]
  const booked = await fetch(api('/api/v1/bookings'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({
      slotId: slot.id,
      villageCode: VILLAGE.code,
      topic: 'LAND',
      description,
      mode,
      contactName,
      contactPhone: '13800138000',
    }),
  })
  const booking = await answerOf(booked, 201, 'the booking')
  assert.equal(booking.status, 'CONFIRMED')
  return { slot, booking, contactName, description }
}

test('an advisor cancels a resident’s booking in 我的预约 and the admin finds it in 预约管理 and its CSV', async (t) => {
  const run = Date.now().toString(36)
  const { slot, booking, contactName, description } = await bookAsResident(run)
  const reason = `顾问临时出庭 ${run}`

  await inBrowser(t, async (page) => {
    // 1. The village's advisor: only the advisor's pages in the menu.
    await signIn(page, advisorUsername)
    await page.locator('.el-menu-item', { hasText: '上门服务' }).waitFor()
    const menu = (await page.locator('.el-menu-item').allTextContents()).map((item) => item.trim())
    assert.deepEqual(menu, ['工作台', '问题队列', '我的解答', '我的预约', '上门服务', '常用回复'])

    // 2. 我的预约 in week view, forward to the slot's week.
    const firstDay = apiResponse(page, 'GET', /^\/api\/v1\/advisor\/bookings$/)
    await page.locator('.el-menu-item', { hasText: '我的预约' }).click()
    await page.waitForURL((url) => url.pathname === consolePath('bookings/schedule'))
    assert.equal((await firstDay).status(), 200)

    let week = apiResponse(page, 'GET', /^\/api\/v1\/advisor\/bookings$/)
    await page.locator('.el-radio-button', { hasText: '周' }).click()
    for (let steps = 0; ; steps++) {
      const answer = await week
      assert.equal(answer.status(), 200, `schedule refused: ${await answer.text()}`)
      const range = new URL(answer.url()).searchParams
      if (range.get('from') <= slot.date && slot.date <= range.get('to')) break
      assert.ok(steps < 6, `the slot's week (${slot.date}) is within the booking horizon`)
      week = apiResponse(page, 'GET', /^\/api\/v1\/advisor\/bookings$/)
      await page.getByRole('button', { name: '下一周' }).click()
    }

    const card = page.locator(`[data-booking="${booking.id}"]`)
    await card.getByText(description).waitFor()
    await card.getByText(contactName).waitFor()
    await card.getByText('土地承包与流转').waitFor()
    assert.equal((await card.locator('[data-test="booking-status"]').textContent()).trim(), '已预约')
    // The booking has not begun: attendance waits for it.
    assert.equal(await card.getByRole('button', { name: '到场', exact: true }).isDisabled(), true)

    // 3. Cancel with a reason; the resident will be told.
    await card.getByRole('button', { name: '取消预约' }).click()
    const dialog = openDialog(page)
    await dialog.getByText('系统将通知预约的村民').waitFor()
    await dialog.locator('input').fill(reason)
    const cancelled = apiResponse(page, 'POST', new RegExp(`^/api/v1/bookings/${booking.id}/cancel$`))
    await dialog.getByRole('button', { name: '取消预约' }).click()
    const cancelAnswer = await cancelled
    assert.equal(cancelAnswer.status(), 200, `cancel refused: ${await cancelAnswer.text()}`)
    assert.deepEqual(cancelAnswer.request().postDataJSON(), { reason })
    await card.locator('[data-test="booking-status"]', { hasText: '已取消' }).waitFor()
    await card.getByText(reason).waitFor()

    await signOut(page)

    // 4. The admin: 预约管理, only the cancelled ones, the booking's row, its details, and the CSV.
    await signIn(page, username)
    const list = apiResponse(page, 'GET', /^\/api\/v1\/admin\/bookings$/)
    await page.locator('.el-menu-item', { hasText: '预约管理' }).click()
    await page.waitForURL((url) => url.pathname === consolePath('bookings'))
    assert.equal((await list).status(), 200)

    const filtered = apiResponse(page, 'GET', /^\/api\/v1\/admin\/bookings$/, (url) => url.searchParams.get('status') === 'CANCELLED')
    await chooseOption(page, page.locator('[data-test="filter-status"]'), '已取消')
    const filteredAnswer = await filtered
    assert.equal(filteredAnswer.status(), 200, `filtered list refused: ${await filteredAnswer.text()}`)
    const row = page.locator('[data-test="bookings"] .el-table__row', { hasText: contactName })
    await row.locator('[data-test="booking-status"]', { hasText: '已取消' }).waitFor()

    await row.getByRole('button', { name: '详情' }).click()
    const drawer = page.locator('.el-drawer').filter({ visible: true })
    await drawer.getByText(description).waitFor()
    await drawer.getByText(reason).waitFor()
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })

    const download = page.waitForEvent('download')
    await page.locator('[data-test="export-csv"]').click()
    const file = await download
    assert.match(file.suggestedFilename(), /\.csv$/)
    const csv = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8')
    assert.ok(csv.includes(contactName), 'the CSV lists the booking')
    assert.ok(csv.includes(reason), 'with its cancel reason')
  })
})
