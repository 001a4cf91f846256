import { describe, expect, it, vi } from 'vitest'
import type { Coverage } from '@/api/coverage'
import { signedIn } from '@/test/directory'
import { buttonNamed, countyAdmin, json, mountApp, pageText, routes, stubNetwork } from '@/test/support'

const totals = (villages: number, problems: number) => ({
  villages,
  withoutAdvisor: problems,
  withoutFiledAgreement: problems,
  fewNavigators: problems,
  noSessionThisMonth: 0,
})

const coverage: Coverage = {
  region: { code: '621025000000', name: '正宁县' },
  totals: totals(3, 1),
  townships: [
    { code: '621025100000', name: '山河镇', totals: totals(2, 1) },
    { code: '621025101000', name: '榆林子镇', totals: totals(1, 0) },
  ],
  villages: [
    { code: '621025100201', name: '柳林村', townshipName: '山河镇', advisors: ['李明'], filedAgreement: true, navigators: 6, sessionsThisMonth: 1, problems: [] },
    {
      code: '621025100202', name: '宫河村', townshipName: '山河镇', advisors: [], filedAgreement: false, navigators: 2, sessionsThisMonth: 0,
      problems: ['NO_ADVISOR', 'FEW_NAVIGATORS'],
    },
    { code: '621025101201', name: '西坡村', townshipName: '榆林子镇', advisors: ['王芳'], filedAgreement: true, navigators: 7, sessionsThisMonth: 2, problems: [] },
  ],
}

const villageRows = () => [...document.querySelectorAll('[data-test="coverage-villages"] .el-table__body tbody tr')]

describe('coverage dashboard', () => {
  it('shows totals, townships and the villages with problems first of all', async () => {
    const sent = stubNetwork(routes({ 'GET /api/v1/me': () => json(countyAdmin), 'GET /api/v1/admin/coverage': () => json(coverage) }))

    const { wrapper } = await mountApp('/coverage', signedIn)

    await vi.waitFor(() => expect(villageRows()).toHaveLength(1))
    expect(sent.find((req) => req.path === '/api/v1/admin/coverage')!.query.get('region')).toBe('621025000000')
    expect(document.querySelector('.page-heading')!.textContent).toBe('覆盖情况：正宁县')
    expect(document.querySelector('[data-test="total-villages"]')!.textContent).toContain('3')
    expect(document.querySelector('[data-test="total-withoutAdvisor"]')!.classList).toContain('is-bad')
    expect(document.querySelector('[data-test="total-noSessionThisMonth"]')!.classList).not.toContain('is-bad')
    expect(document.querySelectorAll('[data-test="townships"] .el-table__body tbody tr')).toHaveLength(2)
    // Only the village with problems, highlighted, with the problems in Chinese.
    const problemRow = villageRows()[0]!
    expect(problemRow.textContent).toContain('宫河村')
    expect(problemRow.textContent).toContain('无法律顾问')
    expect(problemRow.textContent).toContain('法律明白人不足 6 人')
    expect(problemRow.classList).toContain('coverage__problem-row')

    await wrapper.find('.el-switch').trigger('click')

    await vi.waitFor(() => expect(villageRows()).toHaveLength(3))
    expect(villageRows()[0]!.textContent).toContain('达标')
  })

  it('names the region also when the api answers with regionCode/regionName and NOT_FILED', async () => {
    const { region: _region, ...rest } = coverage
    stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/admin/coverage': () =>
          json({
            ...rest,
            regionCode: '621025000000',
            regionName: '正宁县',
            villages: [{ ...coverage.villages[1]!, problems: ['NOT_FILED'] }],
          }),
      }),
    )

    await mountApp('/coverage', signedIn)

    await vi.waitFor(() => expect(villageRows()).toHaveLength(1))
    expect(document.querySelector('.page-heading')!.textContent).toBe('覆盖情况：正宁县')
    expect(villageRows()[0]!.textContent).toContain('协议未备案')
  })

  it('exports the CSV with the bearer token and saves it as a file', async () => {
    const saved: string[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:coverage')
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(`${this.download} ${this.href}`)
    })
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/admin/coverage': () => json(coverage),
        'GET /api/v1/admin/coverage.csv': () =>
          new Response('\uFEFF乡镇,村\n', {
            headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="coverage-621025000000.csv"' },
          }),
      }),
    )
    await mountApp('/coverage', signedIn)
    await vi.waitFor(() => expect(villageRows()).toHaveLength(1))

    buttonNamed('导出 CSV').click()

    await vi.waitFor(() => expect(saved).toEqual(['coverage-621025000000.csv blob:coverage']))
    const download = sent.find((req) => req.path === '/api/v1/admin/coverage.csv')!
    expect(download.authorization).toBe('Bearer a1')
    expect(download.query.get('region')).toBe('621025000000')
  })

  it('reports a failed export', async () => {
    stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/admin/coverage': () => json(coverage),
        'GET /api/v1/admin/coverage.csv': () => new Response('busy', { status: 503 }),
      }),
    )
    await mountApp('/coverage', signedIn)
    await vi.waitFor(() => expect(villageRows()).toHaveLength(1))

    buttonNamed('导出 CSV').click()

    await vi.waitFor(() => expect(pageText()).toContain('服务暂时不可用，请稍后重试'))
  })
})
