import { describe, expect, it, vi } from 'vitest'
import { liMing, signedIn, wangFang } from '@/test/directory'
import {
  buttonNamed,
  countyAdmin,
  found,
  json,
  mountApp,
  openDialog,
  pageText,
  problem,
  routes,
  stubNetwork,
  typeInto,
} from '@/test/support'

const input = (name: string) => document.querySelector<HTMLInputElement>(`.el-dialog [name="${name}"]`)!

async function fillNewAdvisor() {
  buttonNamed('新增法律顾问').click()
  await found('.el-dialog input[name="name"]')
  typeInto(input('name'), '赵律师')
  typeInto(input('lawFirm'), '甘肃正宁律师事务所')
  typeInto(input('licenceNo'), '16210201910000001')
  typeInto(input('phone'), '13912345678')
  typeInto(input('publicPhone'), '0934-1234567')
  typeInto(input('username'), 'advisor-zhao')
}

describe('advisors page', () => {
  it('lists the advisors with their villages and masked phone', async () => {
    stubNetwork(routes({ 'GET /api/v1/me': () => json(countyAdmin), 'GET /api/v1/admin/advisors': () => json([liMing, wangFang]) }))

    const { wrapper } = await mountApp('/advisors', signedIn)

    await vi.waitFor(() => expect(wrapper.findAll('.el-table__body tbody tr')).toHaveLength(2))
    const first = wrapper.findAll('.el-table__body tbody tr')[0]!.text()
    expect(first).toContain('李明')
    expect(first).toContain('139****5678')
    expect(first).toContain('柳林村')
    expect(wrapper.findAll('.el-table__body tbody tr')[1]!.text()).toContain('暂无')
  })

  it('searches by name', async () => {
    const sent = stubNetwork(routes({ 'GET /api/v1/me': () => json(countyAdmin), 'GET /api/v1/admin/advisors': () => json([]) }))
    const { wrapper } = await mountApp('/advisors', signedIn)

    await wrapper.find('input[name="q"]').setValue('李')
    await wrapper.find('.el-form--inline').trigger('submit')

    await vi.waitFor(() => expect(sent.filter((req) => req.path === '/api/v1/admin/advisors').at(-1)!.query.get('q')).toBe('李'))
  })

  it('creates an advisor in the admin’s region and shows the initial password once', async () => {
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/admin/advisors': () => json([]),
        'POST /api/v1/admin/advisors': () =>
          json({ advisor: { ...liMing, name: '赵律师', username: 'advisor-zhao' }, initialPassword: 'K7PQ2M-x9hd4a' }, 201),
      }),
    )
    await mountApp('/advisors', signedIn)
    await fillNewAdvisor()

    buttonNamed('保存', openDialog()).click()

    const secret = await found('[data-test="initial-password"] [data-test="secret"]')
    expect(secret.textContent).toBe('K7PQ2M-x9hd4a')
    expect(pageText()).toContain('初始密码只显示这一次')
    const post = sent.find((req) => req.method === 'POST')!
    expect(JSON.parse(post.body)).toEqual({
      name: '赵律师',
      lawFirm: '甘肃正宁律师事务所',
      licenceNo: '16210201910000001',
      phone: '13912345678',
      publicPhone: '0934-1234567',
      serviceScope: '',
      regionCode: '621025000000',
      username: 'advisor-zhao',
    })

    buttonNamed('我已记下').click()
    await vi.waitFor(() => expect(document.querySelector('[data-test="initial-password"]')).toBeNull())
  })

  it('puts the server’s field errors next to the fields', async () => {
    stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/admin/advisors': () => json([]),
        'POST /api/v1/admin/advisors': () =>
          problem(409, 'USERNAME_TAKEN', '用户名已被占用', { errors: [{ field: 'username', message: '用户名 advisor-zhao 已被占用' }] }),
      }),
    )
    await mountApp('/advisors', signedIn)
    await fillNewAdvisor()

    buttonNamed('保存', openDialog()).click()

    await vi.waitFor(() => {
      const item = input('username').closest('.el-form-item')!
      expect(item.querySelector('.el-form-item__error')?.textContent).toBe('用户名 advisor-zhao 已被占用')
    })
    expect(openDialog().querySelector('.el-alert')!.textContent).toContain('用户名已被占用')
  })

  it('leaves an empty public phone out of a new advisor', async () => {
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/admin/advisors': () => json([]),
        'POST /api/v1/admin/advisors': () => json({ advisor: liMing, initialPassword: 'x' }, 201),
      }),
    )
    await mountApp('/advisors', signedIn)
    await fillNewAdvisor()
    typeInto(input('publicPhone'), '')

    buttonNamed('保存', openDialog()).click()

    await found('[data-test="initial-password"]')
    expect(JSON.parse(sent.find((req) => req.method === 'POST')!.body)).not.toHaveProperty('publicPhone')
  })

  it('checks the phone before calling the server', async () => {
    const sent = stubNetwork(routes({ 'GET /api/v1/me': () => json(countyAdmin), 'GET /api/v1/admin/advisors': () => json([]) }))
    await mountApp('/advisors', signedIn)
    await fillNewAdvisor()
    typeInto(input('phone'), '1391234')

    buttonNamed('保存', openDialog()).click()

    await vi.waitFor(() => expect(pageText()).toContain('手机号格式不正确'))
    expect(sent.some((req) => req.method === 'POST')).toBe(false)
  })

  it('edits an advisor, keeping the phone when it is left empty', async () => {
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/admin/advisors': () => json([liMing]),
        'PUT /api/v1/admin/advisors/adv-1': () => json(liMing),
      }),
    )
    const { wrapper } = await mountApp('/advisors', signedIn)
    await vi.waitFor(() => expect(wrapper.findAll('.el-table__body tbody tr')).toHaveLength(1))

    buttonNamed('编辑').click()
    await found('.el-dialog input[name="lawFirm"]')
    expect(input('lawFirm').value).toBe('甘肃正宁律师事务所')
    expect(document.querySelector('.el-dialog [name="username"]')).toBeNull()
    typeInto(input('serviceScope'), '劳动争议')
    buttonNamed('保存', openDialog()).click()

    await vi.waitFor(() => expect(sent.some((req) => req.method === 'PUT')).toBe(true))
    const body = JSON.parse(sent.find((req) => req.method === 'PUT')!.body)
    expect(body).toMatchObject({ name: '李明', serviceScope: '劳动争议' })
    expect(body).not.toHaveProperty('phone')
  })

  it('uploads a photo chosen for an advisor', async () => {
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/admin/advisors': () => json([liMing]),
        'PUT /api/v1/admin/advisors/adv-1/photo': () => json(liMing),
      }),
    )
    const { wrapper } = await mountApp('/advisors', signedIn)
    await vi.waitFor(() => expect(wrapper.findAll('.el-table__body tbody tr')).toHaveLength(1))
    const fileInput = wrapper.find<HTMLInputElement>('input[name="photo"]').element
    const clicked = vi.spyOn(fileInput, 'click').mockImplementation(() => {})

    buttonNamed('上传照片').click()
    expect(clicked).toHaveBeenCalled()
    const photo = new File([new Uint8Array(10)], 'li.png', { type: 'image/png' })
    Object.defineProperty(fileInput, 'files', { value: [photo], configurable: true })
    fileInput.dispatchEvent(new Event('change'))

    await vi.waitFor(() => expect(pageText()).toContain('已更新 李明 的照片'))
    const upload = sent.find((req) => req.path.endsWith('/photo'))!
    expect(upload.formData!.get('file')).toBe(photo)
  })

  it('refuses a photo over 2 MB without uploading it', async () => {
    const sent = stubNetwork(routes({ 'GET /api/v1/me': () => json(countyAdmin), 'GET /api/v1/admin/advisors': () => json([liMing]) }))
    const { wrapper } = await mountApp('/advisors', signedIn)
    await vi.waitFor(() => expect(wrapper.findAll('.el-table__body tbody tr')).toHaveLength(1))
    const fileInput = wrapper.find<HTMLInputElement>('input[name="photo"]').element
    vi.spyOn(fileInput, 'click').mockImplementation(() => {})

    buttonNamed('上传照片').click()
    const photo = new File([new Uint8Array(2 * 1024 * 1024 + 1)], 'big.jpg', { type: 'image/jpeg' })
    Object.defineProperty(fileInput, 'files', { value: [photo], configurable: true })
    fileInput.dispatchEvent(new Event('change'))

    await vi.waitFor(() => expect(pageText()).toContain('照片不能超过 2 MB'))
    expect(sent.some((req) => req.path.endsWith('/photo'))).toBe(false)
  })
})
