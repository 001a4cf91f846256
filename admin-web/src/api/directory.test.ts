import { describe, expect, it } from 'vitest'
import { json, noContent, problem, startApp, stubNetwork, tokens } from '@/test/support'
import { liMing, signedIn, village } from '@/test/directory'
import { createAdvisor, listAdvisors, updateAdvisor, uploadAdvisorPhoto } from './advisors'
import { agreementState, createAgreement, fileAgreement, listAgreements, type AgreementView } from './agreements'
import { downloadCoverageCsv } from './coverage'
import { createDutyRule, listDutySessions } from './duty'
import { ApiProblem } from './http'
import { createNavigator, removeNavigator, updateNavigator } from './navigators'
import { countyOf, createRegion, importRegions, renameRegion, townshipOf } from './regions'
import { getVillageBoard, noticeUrl } from './villages'

describe('directory API modules', () => {
  it('creates and renames regions as JSON', async () => {
    startApp(signedIn)
    const sent = stubNetwork((req) => json({ code: village.code, name: JSON.parse(req.body).name }, req.method === 'POST' ? 201 : 200))

    await createRegion('621025100209', '新庄村')
    await renameRegion('621025100209', '新庄社区')

    expect(sent.map((req) => `${req.method} ${req.path}`)).toEqual([
      'POST /api/v1/admin/regions',
      'PUT /api/v1/admin/regions/621025100209',
    ])
    expect(JSON.parse(sent[0]!.body)).toEqual({ code: '621025100209', name: '新庄村' })
    expect(JSON.parse(sent[1]!.body)).toEqual({ name: '新庄社区' })
    expect(sent[0]!.authorization).toBe('Bearer a1')
  })

  it('imports regions as a CSV body and reports rejected rows from errors[]', async () => {
    startApp(signedIn)
    const csv = 'code,name\n621025100209,新庄村\n62102510021,短码村\n'
    const sent = stubNetwork(() =>
      problem(400, 'IMPORT_REJECTED', '导入文件有 1 行错误，未导入任何数据', {
        errors: [{ field: '第 3 行', message: '区划代码应为 12 位数字' }],
      }),
    )

    const failure = await importRegions(csv).catch((error: unknown) => error)

    expect(sent[0]).toMatchObject({ method: 'POST', path: '/api/v1/admin/regions/import', body: csv })
    expect(sent[0]!.contentType).toMatch(/^text\/csv/)
    expect(failure).toBeInstanceOf(ApiProblem)
    expect((failure as ApiProblem).code).toBe('IMPORT_REJECTED')
    expect((failure as ApiProblem).errors).toEqual([{ field: '第 3 行', message: '区划代码应为 12 位数字' }])
  })

  it('returns the import counts', async () => {
    startApp(signedIn)
    stubNetwork(() => json({ created: 2, renamed: 1, unchanged: 5 }))

    await expect(importRegions('code,name\n')).resolves.toEqual({ created: 2, renamed: 1, unchanged: 5 })
  })

  it('derives township and county codes from a village code', () => {
    expect(townshipOf('621025100201')).toBe('621025100000')
    expect(countyOf('621025100201')).toBe('621025000000')
  })

  it('searches advisors, leaving out empty filters', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => json([liMing]))

    await listAdvisors({ q: '李' })
    await listAdvisors({ q: '', region: '621025100000' })

    expect(sent.map((req) => req.query.toString())).toEqual(['q=%E6%9D%8E', 'region=621025100000'])
  })

  it('creates an advisor and hands back the one-time password', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => json({ advisor: liMing, initialPassword: 'K7PQ2M-x9hd4a' }, 201))
    const body = {
      name: '李明',
      lawFirm: '甘肃正宁律师事务所',
      licenceNo: '16210201910123456',
      phone: '13912345678',
      publicPhone: '0934-1234567',
      serviceScope: '',
      regionCode: '621025000000',
      username: 'advisor-li',
    }

    const created = await createAdvisor(body)

    expect(created.initialPassword).toBe('K7PQ2M-x9hd4a')
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/api/v1/admin/advisors', contentType: 'application/json' })
    expect(JSON.parse(sent[0]!.body)).toEqual(body)
  })

  it('leaves the phone out of an advisor edit when it is not changed', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => json(liMing))

    await updateAdvisor('adv-1', { name: '李明', lawFirm: 'x', licenceNo: '123456', phone: undefined, publicPhone: '', serviceScope: '' })

    expect(sent[0]!.path).toBe('/api/v1/admin/advisors/adv-1')
    expect(JSON.parse(sent[0]!.body)).not.toHaveProperty('phone')
  })

  it('uploads a photo as multipart with the file under "file" and the bearer token', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => json(liMing))
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'li.jpg', { type: 'image/jpeg' })

    await uploadAdvisorPhoto('adv-1', photo)

    expect(sent[0]).toMatchObject({ method: 'PUT', path: '/api/v1/admin/advisors/adv-1/photo', authorization: 'Bearer a1' })
    // The browser must set the multipart boundary itself.
    expect(sent[0]!.contentType).toBeNull()
    expect((sent[0]!.formData!.get('file') as File).name).toBe('li.jpg')
  })

  it('lists agreements with only the filters given and posts the filing', async () => {
    startApp(signedIn)
    const sent = stubNetwork((req) => (req.method === 'GET' ? json([]) : json({})))

    await listAgreements({ village: village.code, advisorId: undefined })
    await createAgreement({ advisorId: 'adv-1', villageCode: village.code, startDate: '2026-01-01', endDate: '2026-12-31' })
    await fileAgreement('agr 1')

    expect(sent.map((req) => `${req.method} ${req.path}?${req.query}`)).toEqual([
      'GET /api/v1/admin/agreements?village=621025100201',
      'POST /api/v1/admin/agreements?',
      'POST /api/v1/admin/agreements/agr%201/filing?',
    ])
  })

  it('tells the state of an agreement', () => {
    const base: AgreementView = {
      id: 'a', advisorId: 'x', advisorName: '', villageCode: '', villageName: '', startDate: '2026-01-01', endDate: '2026-12-31',
      filed: true, filedAt: '2026-01-02T00:00:00Z', hasFile: false, fileName: null, terminatedAt: null, active: true,
    }
    expect(agreementState(base, '2026-06-01')).toBe('ACTIVE')
    expect(agreementState({ ...base, active: false, filed: false }, '2026-06-01')).toBe('AWAITING_FILING')
    expect(agreementState({ ...base, active: false }, '2025-12-31')).toBe('NOT_STARTED')
    expect(agreementState({ ...base, active: false }, '2027-01-01')).toBe('EXPIRED')
    expect(agreementState({ ...base, active: false, terminatedAt: '2026-05-01T00:00:00Z' }, '2026-06-01')).toBe('TERMINATED')
  })

  it('adds a navigator to a village and edits without the phone', async () => {
    startApp(signedIn)
    const sent = stubNetwork((req) => (req.method === 'DELETE' ? noContent() : json({})))

    await createNavigator(village.code, { name: '张建国', role: 'MEDIATOR', phone: '13912345678', phoneConsent: true })
    await updateNavigator('nav-1', { name: '张建国', role: 'MEDIATOR', phoneConsent: false })
    await expect(removeNavigator('nav-1')).resolves.toBeUndefined()

    expect(JSON.parse(sent[0]!.body)).toEqual({
      villageCode: village.code, name: '张建国', role: 'MEDIATOR', phone: '13912345678', phoneConsent: true,
    })
    expect(JSON.parse(sent[1]!.body)).toEqual({ name: '张建国', role: 'MEDIATOR', phoneConsent: false })
    expect(sent[2]).toMatchObject({ method: 'DELETE', path: '/api/v1/admin/navigators/nav-1' })
  })

  it('turns a session overlap into a problem with the date in the detail', async () => {
    startApp(signedIn)
    stubNetwork(() => problem(409, 'SESSION_OVERLAP', '2026-12-08 与李明的另一场驻点时间重叠'))

    const failure = await createDutyRule({} as never).catch((error: unknown) => error)

    expect(failure).toMatchObject({ status: 409, code: 'SESSION_OVERLAP', detail: '2026-12-08 与李明的另一场驻点时间重叠' })
  })

  it('asks for the sessions of a village in a date range', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => json([]))

    await listDutySessions({ village: village.code, from: '2026-12-01', to: '2026-12-31' })

    expect(sent[0]!.path).toBe('/api/v1/admin/duty-sessions')
    expect(Object.fromEntries(sent[0]!.query)).toEqual({ village: village.code, from: '2026-12-01', to: '2026-12-31' })
  })

  it('reads the public notice board without a token', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => json({ village: { code: village.code, name: village.name } }))

    await getVillageBoard(village.code)

    expect(sent[0]).toMatchObject({ path: `/api/v1/villages/${village.code}`, authorization: null })
    expect(noticeUrl(village.code, 'pdf')).toBe(`/api/v1/villages/${village.code}/notice?format=pdf`)
  })

  it('downloads the coverage CSV with the bearer token and the server-given file name', async () => {
    startApp(signedIn)
    const csv = '\uFEFF乡镇,村\n山河镇,柳林村\n'
    const sent = stubNetwork(
      () =>
        new Response(csv, {
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `attachment; filename="coverage.csv"; filename*=UTF-8''${encodeURIComponent('覆盖情况.csv')}`,
          },
        }),
    )

    const download = await downloadCoverageCsv('621025000000')

    expect(sent[0]).toMatchObject({ path: '/api/v1/admin/coverage.csv', authorization: 'Bearer a1' })
    expect(sent[0]!.query.get('region')).toBe('621025000000')
    expect(sent[0]!.accept).toContain('text/csv')
    expect(download.fileName).toBe('覆盖情况.csv')
    expect(await download.blob.text()).toContain('柳林村')
  })

  it('renews the token once for a download too, and reports a problem instead of saving it', async () => {
    startApp({ accessToken: 'expired', refreshToken: 'r1' })
    const sent = stubNetwork((req) => {
      if (req.path === '/oauth2/token') return tokens('a2', 'r2')
      if (req.authorization !== 'Bearer a2') return problem(401, 'INVALID_TOKEN', '登录已失效')
      return problem(403, 'FORBIDDEN', '您无权查看该区域')
    })

    const failure = await downloadCoverageCsv('620000000000').catch((error: unknown) => error)

    expect(failure).toMatchObject({ status: 403, detail: '您无权查看该区域' })
    expect(sent.map((req) => req.path)).toEqual(['/api/v1/admin/coverage.csv', '/oauth2/token', '/api/v1/admin/coverage.csv'])
  })
})
