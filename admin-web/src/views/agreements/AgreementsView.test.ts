import { describe, expect, it, vi } from 'vitest'
import { agreement, liMing, signedIn } from '@/test/directory'
import { shanghaiDate } from '@/utils/format'
import { buttonNamed, countyAdmin, found, json, mountApp, openDialog, pageText, problem, routes, stubNetwork } from '@/test/support'

const rows = () => [...document.querySelectorAll('[data-test="agreements"] .el-table__body tbody tr')]

describe('agreements page', () => {
  it('shows whether each agreement is in force and filed', async () => {
    stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/admin/advisors': () => json([liMing]),
        'GET /api/v1/admin/agreements': () =>
          json([
            agreement({ id: 'a1', filed: true, filedAt: '2026-01-05T02:00:00Z', active: true, hasFile: true, fileName: '协议.pdf' }),
            agreement({ id: 'a2', startDate: '2020-01-01', endDate: '2099-12-31' }),
            agreement({ id: 'a3', filed: true, terminatedAt: '2026-06-01T02:00:00Z' }),
          ]),
      }),
    )

    await mountApp('/agreements', signedIn)

    await vi.waitFor(() => expect(rows()).toHaveLength(3))
    const states = [...document.querySelectorAll('[data-test="agreement-state"]')].map((state) =>
      [...state.querySelectorAll('.el-tag')].map((tag) => tag.textContent!.trim()).join(' '),
    )
    expect(states).toEqual(['生效中 已备案', '待备案生效 未备案', '已终止 已备案'])
    expect(rows()[0]!.textContent).toContain('协议.pdf')
    expect(rows()[1]!.textContent).toContain('未上传')
    // Only an unfiled, running agreement offers filing; a terminated one offers nothing.
    expect(rows()[0]!.textContent).not.toContain('备案终止')
    expect([...rows()[1]!.querySelectorAll('button')].map((button) => button.textContent!.trim())).toEqual(['上传文件', '备案', '终止'])
    expect(rows()[2]!.querySelectorAll('button')).toHaveLength(0)
  })

  it('marks an agreement filed after confirmation and reloads the list', async () => {
    let filed = false
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/admin/advisors': () => json([liMing]),
        'GET /api/v1/admin/agreements': () => json([agreement({ filed, active: filed, startDate: '2020-01-01', endDate: '2099-12-31' })]),
        'POST /api/v1/admin/agreements/agr-1/filing': () => {
          filed = true
          return json(agreement({ filed: true, active: true }))
        },
      }),
    )
    await mountApp('/agreements', signedIn)
    await vi.waitFor(() => expect(rows()).toHaveLength(1))

    buttonNamed('备案', rows()[0]!).click()
    await found('.el-message-box')
    expect(openDialog().textContent).toContain('李明 与 柳林村')
    buttonNamed('确认备案', openDialog()).click()

    await vi.waitFor(() => expect(document.querySelector('[data-test="agreement-state"]')!.textContent).toContain('生效中'))
    expect(sent.filter((req) => req.path === '/api/v1/admin/agreements')).toHaveLength(2)
    expect(pageText()).toContain('已标记备案')
  })

  it('shows an overlapping period as the server explains it', async () => {
    // The filters from the address carry into the new agreement.
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/admin/advisors': () => json([liMing]),
        'GET /api/v1/admin/agreements': () => json([]),
        'POST /api/v1/admin/agreements': () =>
          problem(409, 'AGREEMENT_OVERLAP', '李明与柳林村已有 2026-01-01 至 2026-12-31 的协议，期限不能重叠'),
      }),
    )
    await mountApp('/agreements?village=621025100201&advisorId=adv-1', signedIn)
    await vi.waitFor(() => expect(sent.find((req) => req.path === '/api/v1/admin/agreements')?.query.toString()).toBe('advisorId=adv-1&village=621025100201'))

    buttonNamed('新增协议').click()
    await found('.el-dialog .el-date-editor')
    buttonNamed('保存', openDialog()).click()

    await vi.waitFor(() => expect(openDialog().querySelector('.el-alert')?.textContent).toContain('期限不能重叠'))
    const year = shanghaiDate().slice(0, 4)
    expect(JSON.parse(sent.find((req) => req.method === 'POST')!.body)).toEqual({
      advisorId: 'adv-1',
      villageCode: '621025100201',
      startDate: `${year}-01-01`,
      endDate: `${year}-12-31`,
    })
  })

  it('downloads the agreement file with the bearer token', async () => {
    const saved: string[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:agreement')
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(`${this.download} ${this.href}`)
    })
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/admin/advisors': () => json([liMing]),
        'GET /api/v1/admin/agreements': () => json([agreement({ hasFile: true, fileName: '柳林村协议.pdf' })]),
        'GET /api/v1/admin/agreements/agr-1/file': () =>
          new Response(new Uint8Array([0x25, 0x50, 0x44, 0x46]), { headers: { 'Content-Type': 'application/pdf' } }),
      }),
    )
    await mountApp('/agreements', signedIn)
    await vi.waitFor(() => expect(rows()).toHaveLength(1))

    buttonNamed('柳林村协议.pdf').click()

    await vi.waitFor(() => expect(saved).toEqual(['柳林村协议.pdf blob:agreement']))
    expect(sent.find((req) => req.path.endsWith('/file'))!.authorization).toBe('Bearer a1')
  })
})
