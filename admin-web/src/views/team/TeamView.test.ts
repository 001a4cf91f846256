import { describe, expect, it, vi } from 'vitest'
import { navigator, signedIn, township, village } from '@/test/directory'
import { buttonNamed, countyAdmin, found, json, mountApp, noContent, openDialog, pageText, routes, stubNetwork, typeInto } from '@/test/support'

const rows = () => [...document.querySelectorAll('[data-test="navigators"] .el-table__body tbody tr')]
const base = {
  'GET /api/v1/me': () => json(countyAdmin),
  // The page finds the village's name among its township's villages.
  'GET /api/v1/regions': () => json([village]),
}

describe('1+N team page', () => {
  it('asks for a village first', async () => {
    const sent = stubNetwork(routes(base))

    await mountApp('/team', signedIn)

    expect(pageText()).toContain('请先选择村（社区）')
    expect(sent.some((req) => req.path === '/api/v1/admin/navigators')).toBe(false)
  })

  it('lists the village’s legal-savvy residents and warns below six', async () => {
    const sent = stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/navigators': () => json([navigator(), navigator({ id: 'nav-2', name: '赵秀英', role: 'MEDIATOR', roleLabel: '调解员', status: 'INVITED', joinedAt: null, phoneConsent: false })]),
      }),
    )

    await mountApp(`/team?village=${village.code}`, signedIn)

    await vi.waitFor(() => expect(rows()).toHaveLength(2))
    expect(sent.find((req) => req.path === '/api/v1/admin/navigators')!.query.get('village')).toBe(village.code)
    expect(sent.find((req) => req.path === '/api/v1/regions')!.query.get('parent')).toBe(township.code)
    await vi.waitFor(() => expect(document.querySelector('.page-heading')!.textContent).toBe('1+N 团队：柳林村'))
    expect(document.querySelector('[data-test="team-count"]')!.textContent).toContain('共 2 人，少于每村 6 人的要求')
    expect(rows()[0]!.textContent).toContain('已加入')
    expect(rows()[1]!.textContent).toContain('已邀请')
    expect(rows()[1]!.textContent).toContain('不公示')
    // Only someone who has not joined yet can get a new invite code.
    expect(rows()[0]!.textContent).not.toContain('重发邀请码')
    expect(rows()[1]!.textContent).toContain('重发邀请码')
  })

  it('adds a member and shows the one-time invite code', async () => {
    const sent = stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/navigators': () => json([]),
        'POST /api/v1/admin/navigators': () =>
          json({ navigator: navigator({ status: 'INVITED' }), inviteCode: 'Q7K-29XM', inviteExpiresAt: '2026-11-30T01:00:00Z' }, 201),
      }),
    )
    await mountApp(`/team?village=${village.code}`, signedIn)

    buttonNamed('添加法律明白人').click()
    typeInto(await found<HTMLInputElement>('.el-dialog input[name="name"]'), '张建国')
    typeInto(document.querySelector<HTMLInputElement>('.el-dialog input[name="phone"]')!, '13912345678')
    document.querySelector<HTMLInputElement>('.el-dialog input[name="phoneConsent"]')!.click()
    buttonNamed('保存', openDialog()).click()

    const code = await found('[data-test="invite-code"] [data-test="secret"]')
    expect(code.textContent).toBe('Q7K-29XM')
    expect(pageText()).toContain('2026/11/30 09:00 前有效')
    expect(JSON.parse(sent.find((req) => req.method === 'POST')!.body)).toEqual({
      villageCode: village.code,
      name: '张建国',
      role: 'VILLAGE_COMMITTEE',
      phone: '13912345678',
      phoneConsent: true,
    })
  })

  it('adds a member without a phone, leaving the phone out', async () => {
    const sent = stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/navigators': () => json([]),
        'POST /api/v1/admin/navigators': () =>
          json({ navigator: navigator({ status: 'INVITED' }), inviteCode: 'Q7K-29XM', inviteExpiresAt: '2026-11-30T01:00:00Z' }, 201),
      }),
    )
    await mountApp(`/team?village=${village.code}`, signedIn)

    buttonNamed('添加法律明白人').click()
    typeInto(await found<HTMLInputElement>('.el-dialog input[name="name"]'), '赵秀英')
    buttonNamed('保存', openDialog()).click()

    await found('[data-test="invite-code"]')
    expect(JSON.parse(sent.find((req) => req.method === 'POST')!.body)).toEqual({
      villageCode: village.code,
      name: '赵秀英',
      role: 'VILLAGE_COMMITTEE',
      phoneConsent: false,
    })
  })

  it('re-issues an invite code', async () => {
    stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/navigators': () => json([navigator({ status: 'INVITED', joinedAt: null })]),
        'POST /api/v1/admin/navigators/nav-1/invite': () => json({ inviteCode: 'NEW-CODE1', inviteExpiresAt: '2026-11-30T01:00:00Z' }),
      }),
    )
    await mountApp(`/team?village=${village.code}`, signedIn)
    await vi.waitFor(() => expect(rows()).toHaveLength(1))

    buttonNamed('重发邀请码', rows()[0]!).click()

    expect((await found('[data-test="invite-code"] [data-test="secret"]')).textContent).toBe('NEW-CODE1')
  })

  it('removes a member after confirmation', async () => {
    let removed = false
    const sent = stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/navigators': () => json(removed ? [] : [navigator()]),
        'DELETE /api/v1/admin/navigators/nav-1': () => {
          removed = true
          return noContent()
        },
      }),
    )
    await mountApp(`/team?village=${village.code}`, signedIn)
    await vi.waitFor(() => expect(rows()).toHaveLength(1))

    buttonNamed('移除', rows()[0]!).click()
    await found('.el-message-box')
    buttonNamed('移除', openDialog()).click()

    await vi.waitFor(() => expect(rows()).toHaveLength(0))
    expect(sent.some((req) => req.method === 'DELETE')).toBe(true)
    expect(pageText()).toContain('已移除 张建国')
  })
})
