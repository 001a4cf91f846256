// Browser test of the village directory against a running stack (gateway + api with the demo county):
// `npm run test:e2e`; environment in browser.mjs.
// Rerunnable: the village code (under 山河镇) and the advisor's account are new on every run.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { baseUrl, consolePath, inBrowser, password, username } from './browser.mjs'

const TOWNSHIP = { code: '621025100000', name: '山河镇' }

/** yyyy-MM-dd in Asia/Shanghai, `days` from today. */
function shanghaiDate(days = 0) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000))
}

const apiResponse = (page, method, pathPattern) =>
  page.waitForResponse((response) => response.request().method() === method && pathPattern.test(new URL(response.url()).pathname))

/** The dialog or message box on top (Element Plus keeps closed dialogs in the page, hidden). */
const openDialog = (page) => page.locator('.el-dialog, .el-message-box').filter({ visible: true }).last()

const exact = (text) => new RegExp(`^${text}$`)

/** A row of the village tree by its name. */
const treeRow = (page, name) =>
  page.locator('.village-tree__node').filter({ has: page.locator('.village-tree__name', { hasText: exact(name) }) })

/** Opens 村（社区）管理 and expands the tree down to the township (through 甘肃省 and 庆阳市 if listed). */
async function openTownship(page) {
  await page.locator('.el-menu-item', { hasText: '村（社区）管理' }).click()
  await page.waitForURL((url) => url.pathname === consolePath('villages'))
  await page.locator('.village-tree__name').first().waitFor()
  const lineage = ['甘肃省', '庆阳市', '正宁县', TOWNSHIP.name]
  for (const [index, name] of lineage.slice(0, -1).entries()) {
    const next = treeRow(page, lineage[index + 1])
    if ((await treeRow(page, name).isVisible()) && !(await next.isVisible())) {
      await treeRow(page, name).locator('.village-tree__name').click()
      await next.waitFor()
    }
  }
  await treeRow(page, TOWNSHIP.name).locator('.village-tree__name').click()
}

async function chooseOption(page, select, optionText) {
  await select.click()
  await page.locator('.el-select-dropdown__item').filter({ visible: true }).filter({ hasText: optionText }).first().click()
}

test('an admin sets up a village: advisor, filed agreement, duty rule, sees them on the notice board and in coverage', async (t) => {
  await inBrowser(t, async (page) => {
    const run = Date.now().toString(36)
    const advisorName = `测试顾问${run.slice(-4)}`

    // Sign in.
    await page.goto(baseUrl.href)
    await page.waitForURL((url) => url.pathname === consolePath('login'))
    await page.getByLabel('用户名').fill(username)
    await page.getByLabel('密码', { exact: true }).fill(password)
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForURL((url) => url.pathname === consolePath('./'))

    // 1. A new advisor, with the initial password shown once.
    await page.locator('.el-menu-item', { hasText: '法律顾问' }).click()
    await page.getByRole('button', { name: '新增法律顾问' }).click()
    let dialog = openDialog(page)
    await dialog.locator('input[name="name"]').fill(advisorName)
    await dialog.locator('input[name="lawFirm"]').fill('甘肃正宁律师事务所')
    await dialog.locator('input[name="licenceNo"]').fill(`E2E${Date.now()}`)
    await dialog.locator('input[name="phone"]').fill(`139${String(Date.now()).slice(-8)}`)
    await dialog.locator('input[name="publicPhone"]').fill('0934-1234567')
    await dialog.locator('input[name="username"]').fill(`e2e-${run}`)
    const advisorCreated = apiResponse(page, 'POST', /^\/api\/v1\/admin\/advisors$/)
    await dialog.getByRole('button', { name: '保存' }).click()
    const advisorAnswer = await advisorCreated
    assert.equal(advisorAnswer.status(), 201, `advisor refused: ${await advisorAnswer.text()}`)
    const { advisor, initialPassword } = await advisorAnswer.json()
    assert.ok(initialPassword, 'an initial password is returned')
    await page.locator('[data-test="initial-password"] [data-test="secret"]', { hasText: initialPassword }).waitFor()
    await page.getByRole('button', { name: '我已记下' }).click()
    await page.locator('.el-table__row', { hasText: advisorName }).waitFor()

    // 2. A new village under 山河镇, with a free code (another run may have taken one).
    await openTownship(page)
    let village
    for (let attempt = 0; attempt < 5 && !village; attempt++) {
      const code = `${TOWNSHIP.code.slice(0, 9)}${String(100 + Math.floor(Math.random() * 900))}`
      const name = `测试${code.slice(-3)}村`
      await treeRow(page, TOWNSHIP.name).getByRole('button', { name: '新增下级' }).click()
      dialog = openDialog(page)
      await dialog.locator('input[name="code"]').fill(code)
      await dialog.locator('input[name="name"]').fill(name)
      const created = apiResponse(page, 'POST', /^\/api\/v1\/admin\/regions$/)
      await dialog.getByRole('button', { name: '保存' }).click()
      const answer = await created
      if (answer.status() === 201 || answer.status() === 200) {
        village = { code, name }
      } else {
        assert.equal(answer.status(), 409, `village refused: ${await answer.text()}`)
        await dialog.getByRole('button', { name: '取消' }).click()
      }
    }
    assert.ok(village, 'found a free village code')
    await treeRow(page, village.name).waitFor()

    // 3. An agreement for the advisor and the village, then filed (备案): now it is in force.
    await treeRow(page, village.name).getByRole('link', { name: '协议' }).click()
    await page.waitForURL((url) => url.pathname === consolePath('agreements') && url.searchParams.get('village') === village.code)
    await page.getByRole('button', { name: '新增协议' }).click()
    dialog = openDialog(page)
    await chooseOption(page, dialog.locator('.el-select'), `${advisorName}（`)
    const agreementCreated = apiResponse(page, 'POST', /^\/api\/v1\/admin\/agreements$/)
    await dialog.getByRole('button', { name: '保存' }).click()
    const agreementAnswer = await agreementCreated
    assert.equal(agreementAnswer.status(), 201, `agreement refused: ${await agreementAnswer.text()}`)
    const agreement = await agreementAnswer.json()
    assert.equal(agreement.villageCode, village.code)
    assert.equal(agreement.advisorId, advisor.id)
    const agreementRow = page.locator('[data-test="agreements"] .el-table__row', { hasText: advisorName })
    await agreementRow.locator('[data-test="agreement-state"]', { hasText: '未备案' }).waitFor()

    await agreementRow.getByRole('button', { name: '备案' }).click()
    const filing = apiResponse(page, 'POST', /\/api\/v1\/admin\/agreements\/[^/]+\/filing$/)
    await openDialog(page).getByRole('button', { name: '确认备案' }).click()
    assert.equal((await filing).status(), 200)
    await agreementRow.locator('[data-test="agreement-state"]', { hasText: '生效中' }).waitFor()
    await agreementRow.locator('[data-test="agreement-state"]', { hasText: '已备案' }).waitFor()

    // 4. A duty rule: every day for four weeks, on site in the village.
    await openTownship(page)
    await treeRow(page, village.name).getByRole('link', { name: '驻点' }).click()
    await page.waitForURL((url) => url.pathname === consolePath('duty'))
    await page.getByRole('button', { name: '新增驻点安排' }).click()
    dialog = openDialog(page)
    await chooseOption(page, dialog.locator('[data-test="rule-advisor"]'), `${advisorName}（本村顾问）`)
    await dialog.locator('input[name="place"]').fill(`${village.name}村委会`)
    await dialog.locator('.el-radio-button', { hasText: '每周' }).click()
    for (const day of ['周一', '周三', '周四', '周五', '周六', '周日']) {
      await dialog.locator('.el-checkbox', { hasText: day }).click()
    }
    const [from, until] = [shanghaiDate(), shanghaiDate(27)]
    const rangeInputs = dialog.locator('.el-date-editor--daterange input')
    await rangeInputs.nth(0).fill(from)
    await rangeInputs.nth(0).press('Enter')
    await rangeInputs.nth(1).fill(until)
    await rangeInputs.nth(1).press('Enter')
    const ruleSaved = apiResponse(page, 'POST', /^\/api\/v1\/admin\/duty-rules$/)
    await dialog.getByRole('button', { name: '保存' }).click()
    const ruleAnswer = await ruleSaved
    assert.equal(ruleAnswer.status(), 201, `duty rule refused: ${await ruleAnswer.text()}`)
    const sentRule = ruleAnswer.request().postDataJSON()
    assert.deepEqual(sentRule.recurrence, { frequency: 'WEEKLY', daysOfWeek: [1, 2, 3, 4, 5, 6, 7] })
    assert.equal(sentRule.villageCode, village.code)
    assert.deepEqual([sentRule.validFrom, sentRule.validUntil], [from, until])
    const saved = await ruleAnswer.json()
    assert.ok(saved.sessions > 0, `the rule made sessions: ${JSON.stringify(saved)}`)
    await page.locator('[data-test="duty-rules"] .el-table__row', { hasText: advisorName }).waitFor()
    await page.locator('[data-test="duty-sessions"] .el-table__row', { hasText: advisorName }).first().waitFor()

    // 5. The notice board shows the advisor and the session; the printable notice is linked.
    await openTownship(page)
    await treeRow(page, village.name).getByRole('link', { name: '公示' }).click()
    await page.waitForURL((url) => url.pathname === consolePath('board'))
    const boardView = page.locator('[data-test="notice-board"]')
    await boardView.locator('[data-test="board-advisor"]', { hasText: advisorName }).waitFor()
    await boardView.getByText(village.name, { exact: true }).waitFor()
    await boardView.locator('[data-test="board-sessions"] tbody tr', { hasText: advisorName }).first().waitFor()
    assert.equal(
      await page.locator('[data-test="notice-pdf"]').getAttribute('href'),
      `/api/v1/villages/${village.code}/notice?format=pdf`,
    )

    // 6. Coverage: the new village has no 1+N team yet, so it is listed among the villages with problems.
    await page.locator('.el-menu-item', { hasText: '覆盖情况' }).click()
    const coverageRow = page.locator('[data-test="coverage-villages"] .el-table__row', { hasText: village.name })
    await coverageRow.waitFor()
    await coverageRow.getByText(advisorName).waitFor()
    await coverageRow.locator('.el-tag', { hasText: '法律明白人不足' }).waitFor()
    const download = page.waitForEvent('download')
    await page.locator('[data-test="export-csv"]').click()
    const file = await download
    assert.match(file.suggestedFilename(), /\.csv$/)
    const csv = await (await file.createReadStream()).toArray()
    assert.ok(Buffer.concat(csv).toString('utf8').includes(village.name), 'the CSV lists the new village')
  })
})
