// Browser test against a running stack (gateway + api): `npm run test:e2e`; environment in browser.mjs.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { baseUrl, consolePath, inBrowser, password, username } from './browser.mjs'

const isLoginPage = (url) => url.pathname === consolePath('login')

async function submitLogin(page, user, secret) {
  await page.getByLabel('用户名').fill(user)
  await page.getByLabel('密码', { exact: true }).fill(secret)
  const answer = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/login'))
  await page.getByRole('button', { name: '登录' }).click()
  return answer
}

/** A tree row by its region name (the level tag beside the name is not part of it). */
const regionRow = (page, name) =>
  page.locator('.el-tree-node__content').filter({ has: page.locator('.region-tree__name', { hasText: new RegExp(`^${name}$`) }) })

// The wrong password runs first: the successful sign-in below then resets the account's failure count.
test('a wrong password shows the reason in Chinese', async (t) => {
  await inBrowser(t, async (page) => {
    await page.goto(baseUrl.href)
    await page.waitForURL(isLoginPage)

    const answer = await submitLogin(page, username, `${password}-wrong`)

    assert.ok([401, 423].includes(answer.status()), `login answered ${answer.status()}`)
    const { detail } = await answer.json()
    assert.match(detail, /\p{Script=Han}/u, `the problem detail should be Chinese: ${detail}`)
    await page.getByRole('alert').filter({ hasText: detail }).waitFor()
    assert.ok(isLoginPage(new URL(page.url())))
  })
})

test('an admin signs in, sees the dashboard and region tree, and signs out', async (t) => {
  await inBrowser(t, async (page) => {
    await page.goto(baseUrl.href)
    await page.waitForURL(isLoginPage)

    const me = page.waitForResponse((response) => response.url().endsWith('/api/v1/me') && response.ok())
    // Awaited only after a successful login; a failed one must not surface as this wait's error.
    me.catch(() => {})
    const answer = await submitLogin(page, username, password)
    assert.equal(answer.status(), 200, `login refused: ${await answer.text()}`)
    const { displayName } = await (await me).json()

    await page.waitForURL((url) => url.pathname === consolePath('./'))
    await page.getByRole('heading', { name: '工作台' }).waitFor()
    await page.locator('[data-test="current-user"]', { hasText: displayName }).waitFor()
    await page.locator('[data-test="user-name"]', { hasText: displayName }).waitFor()

    // The tree starts at the top-level regions the api lists; open any province and city above the county.
    await page.locator('.region-tree__name').first().waitFor()
    const lineage = ['甘肃省', '庆阳市', '正宁县']
    for (const [index, ancestor] of lineage.slice(0, -1).entries()) {
      if (await regionRow(page, ancestor).isVisible()) {
        await regionRow(page, ancestor).click()
        await regionRow(page, lineage[index + 1]).waitFor()
      }
    }
    await regionRow(page, '正宁县').click()
    await regionRow(page, '山河镇').waitFor()

    await page.getByRole('button', { name: '退出登录' }).click()
    await page.waitForURL(isLoginPage)

    // The session is really gone: the console asks for a login again.
    await page.goto(baseUrl.href)
    await page.waitForURL(isLoginPage)
  })
})
