import { describe, expect, it, vi } from 'vitest'
import { signedIn } from '@/test/directory'
import { cannedAnswer, sharedCannedAnswer } from '@/test/questions'
import {
  adminUser,
  advisorUser,
  buttonNamed,
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

const card = (id: string) => document.querySelector<HTMLElement>(`[data-canned="${id}"]`)
const shownIds = () => [...document.querySelectorAll<HTMLElement>('[data-test="canned-answer"]')].map((element) => element.dataset.canned)
const writes = (sent: SentRequest[]) => sent.filter((req) => req.method !== 'GET').map((req) => `${req.method} ${req.path} ${req.body}`)
const variableTag = (name: string) =>
  [...openDialog().querySelectorAll<HTMLElement>('[data-test="canned-variables"] .el-tag')].find((tag) => tag.textContent!.trim() === name)!

describe('常用回复 (advisor)', () => {
  it('lists the advisor’s own answers and the shared ones, editing only their own', async () => {
    stubNetwork(routes({ 'GET /api/v1/me': () => json(advisorUser), 'GET /api/v1/canned-answers': () => json([cannedAnswer(), sharedCannedAnswer]) }))

    const { wrapper } = await mountApp('/canned-answers', signedIn)

    await vi.waitFor(() => expect(shownIds()).toEqual(['ca-1', 'ca-2']))
    expect(wrapper.find('.el-menu').text()).toContain('常用回复')
    expect(card('ca-1')!.textContent).toContain('土地纠纷先调解')
    expect(card('ca-1')!.textContent).toContain('我的')
    expect(card('ca-1')!.textContent).toContain('{提问人}您好，关于{事项}')
    expect(card('ca-2')!.textContent).toContain('共享 · 正宁县')
    expect(buttonNamed('编辑', card('ca-1')!)).toBeTruthy()
    expect(() => buttonNamed('编辑', card('ca-2')!)).toThrow()
    expect(() => buttonNamed('删除', card('ca-2')!)).toThrow()

    ;[...document.querySelectorAll<HTMLElement>('[data-test="scope-filter"] .el-radio-button')].find((option) => option.textContent?.trim() === '共享')!.click()
    await vi.waitFor(() => expect(shownIds()).toEqual(['ca-2']))
  })

  it('creates a personal answer, the variables inserted where the caret is', async () => {
    const created = cannedAnswer({ id: 'ca-3', title: '欠薪维权', text: '{提问人}您好，请联系{顾问姓名}' })
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(advisorUser),
        'GET /api/v1/canned-answers': () => json([cannedAnswer()]),
        'POST /api/v1/canned-answers': () => json(created, 201),
      }),
    )
    await mountApp('/canned-answers', signedIn)
    await vi.waitFor(() => expect(shownIds()).toEqual(['ca-1']))

    buttonNamed('新增常用回复').click()
    await found('[data-test="canned-dialog"]')
    // Advisors keep personal answers only.
    expect(openDialog().querySelector('[data-test="canned-scope"]')).toBeNull()
    expect([...openDialog().querySelectorAll('[data-test="canned-variables"] .el-tag')].map((tag) => tag.textContent!.trim())).toEqual([
      '{村名}',
      '{提问人}',
      '{顾问姓名}',
      '{顾问电话}',
      '{事项}',
    ])
    buttonNamed('保存', openDialog()).click()
    await vi.waitFor(() => expect(openDialog().textContent).toContain('请填写标题'))
    await vi.waitFor(() => expect(openDialog().textContent).toContain('请填写回复内容'))

    typeInto(openDialog().querySelector<HTMLInputElement>('input[name="title"]')!, '欠薪维权')
    const text = openDialog().querySelector<HTMLTextAreaElement>('textarea[name="text"]')!
    typeInto(text, '您好，请联系')
    text.setSelectionRange(0, 0)
    variableTag('{提问人}').click()
    await vi.waitFor(() => expect(text.value).toBe('{提问人}您好，请联系'))
    text.setSelectionRange(text.value.length, text.value.length)
    variableTag('{顾问姓名}').click()
    await vi.waitFor(() => expect(text.value).toBe('{提问人}您好，请联系{顾问姓名}'))
    buttonNamed('保存', openDialog()).click()

    await vi.waitFor(() => expect(shownIds()).toEqual(['ca-3', 'ca-1']))
    expect(writes(sent)).toEqual(['POST /api/v1/canned-answers {"scope":"PERSONAL","title":"欠薪维权","text":"{提问人}您好，请联系{顾问姓名}"}'])
    expect(pageText()).toContain('已新增常用回复')
  })

  it('edits and deletes an answer, showing the server’s field errors', async () => {
    let puts = 0
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(advisorUser),
        'GET /api/v1/canned-answers': () => json([cannedAnswer()]),
        'PUT /api/v1/canned-answers/ca-1': (req) =>
          puts++ === 0
            ? problem(400, 'VALIDATION_FAILED', '请求参数有误', { errors: [{ field: 'title', message: '标题已存在' }] })
            : json({ ...cannedAnswer(), ...JSON.parse(req.body) }),
        'DELETE /api/v1/canned-answers/ca-1': () => noContent(),
      }),
    )
    await mountApp('/canned-answers', signedIn)
    await vi.waitFor(() => expect(shownIds()).toEqual(['ca-1']))

    buttonNamed('编辑', card('ca-1')!).click()
    const title = await found<HTMLInputElement>('.el-dialog input[name="title"]')
    expect(title.value).toBe('土地纠纷先调解')
    typeInto(title, '土地纠纷')
    buttonNamed('保存', openDialog()).click()
    await vi.waitFor(() => expect(openDialog().textContent).toContain('标题已存在'))
    typeInto(title, '土地纠纷先找村委会')
    buttonNamed('保存', openDialog()).click()
    await vi.waitFor(() => expect(card('ca-1')!.textContent).toContain('土地纠纷先找村委会'))

    buttonNamed('删除', card('ca-1')!).click()
    await found('.el-message-box')
    buttonNamed('删除', openDialog()).click()
    await vi.waitFor(() => expect(shownIds()).toEqual([]))
    expect(writes(sent).map((write) => write.split(' ').slice(0, 2).join(' '))).toEqual([
      'PUT /api/v1/canned-answers/ca-1',
      'PUT /api/v1/canned-answers/ca-1',
      'DELETE /api/v1/canned-answers/ca-1',
    ])
    expect(pageText()).toContain('暂无常用回复')
  })
})

describe('常用回复 (admin)', () => {
  it('shares an answer with the admin’s region', async () => {
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(adminUser),
        'GET /api/v1/regions': () => json([]),
        'GET /api/v1/canned-answers': () => json([{ ...sharedCannedAnswer, editable: true }]),
        'POST /api/v1/canned-answers': (req) => json({ ...sharedCannedAnswer, id: 'ca-4', ...JSON.parse(req.body) }, 201),
      }),
    )
    await mountApp('/canned-answers', signedIn)
    await vi.waitFor(() => expect(shownIds()).toEqual(['ca-2']))
    // Admins edit the shared answers of their region.
    expect(buttonNamed('编辑', card('ca-2')!)).toBeTruthy()

    buttonNamed('新增常用回复').click()
    await found('[data-test="canned-dialog"]')
    ;[...openDialog().querySelectorAll<HTMLElement>('[data-test="canned-scope"] .el-radio-button')].find((option) => option.textContent?.trim() === '共享给辖区法律顾问')!.click()
    await vi.waitFor(() => expect(openDialog().querySelector('.region-picker')).toBeTruthy())
    typeInto(openDialog().querySelector<HTMLInputElement>('input[name="title"]')!, '调解指引')
    typeInto(openDialog().querySelector<HTMLTextAreaElement>('textarea[name="text"]')!, '{村名}人民调解委员会可以免费调解')
    buttonNamed('保存', openDialog()).click()

    await vi.waitFor(() => expect(shownIds()).toEqual(['ca-4', 'ca-2']))
    expect(JSON.parse(sent.find((req) => req.method === 'POST')!.body)).toEqual({
      scope: 'SHARED',
      title: '调解指引',
      text: '{村名}人民调解委员会可以免费调解',
      regionCode: '621025000000',
    })
  })
})
