import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { QuestionView } from '@/api/questions'
import { liMing, signedIn } from '@/test/directory'
import { answeredQuestion, cannedAnswer, questionView, sharedCannedAnswer } from '@/test/questions'
import {
  adminUser,
  advisorUser,
  buttonNamed,
  chooseOption,
  found,
  json,
  mountApp,
  openDialog,
  pageText,
  problem,
  routes,
  stubNetwork,
  typeInto,
  type SentRequest,
} from '@/test/support'

// Tuesday 8 December 2026, 10:00 in Asia/Shanghai.
const NOW = new Date('2026-12-08T02:00:00Z')
const MINUTES = 60_000

const asAdvisor = { 'GET /api/v1/me': () => json(advisorUser) }
const files = {
  'GET /api/v1/questions/q-1/attachments/att-1': () => new Response('jpg', { headers: { 'Content-Type': 'image/jpeg' } }),
  'GET /api/v1/questions/q-1/attachments/att-2': () => new Response('m4a', { headers: { 'Content-Type': 'audio/mp4' } }),
}
/** Held with a quarter of an hour left: the page renews it in five minutes, not at once. */
const held = (overrides: Partial<QuestionView> = {}) =>
  questionView({ claim: { ...questionView().claim!, leaseUntil: '2026-12-08T02:15:00Z' }, ...overrides })
const withLease = (leaseUntil: string) => held({ claim: { ...questionView().claim!, leaseUntil } })

const posts = (sent: SentRequest[]) => sent.filter((req) => req.method === 'POST')
const actionButtons = () =>
  [...document.querySelectorAll<HTMLElement>('[data-test="actions"] button')].map((button) => button.textContent!.trim())

beforeEach(() => {
  // The clock and the page's intervals; Element Plus and vi.waitFor keep their real timeouts.
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
  vi.setSystemTime(NOW)
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:attachment')
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('question page (the advisor who holds it)', () => {
  it('shows the question, the asker, the thread with its files, the history, and the holder’s actions', async () => {
    const sent = stubNetwork(routes({ ...asAdvisor, ...files, 'GET /api/v1/questions/q-1': () => json(held()) }))

    await mountApp('/questions/q-1', signedIn)

    await vi.waitFor(() => expect(document.querySelector('[data-test="question-summary"]')).toBeTruthy())
    const summary = document.querySelector<HTMLElement>('[data-test="question-summary"]')!.textContent!
    for (const text of ['柳林村', '加急', '解答中', '土地承包与流转', '本村', '小程序 · 2026/12/08 08:30']) expect(summary).toContain(text)
    expect(document.querySelector('[data-test="lease"]')!.textContent).toContain('认领将于 10:15 到期')
    // The asker allowed a call back: the full number, as a link to call.
    const asker = document.querySelector<HTMLElement>('[data-test="asker"]')!
    expect(asker.querySelector('a')!.getAttribute('href')).toBe('tel:13912345678')
    expect(asker.textContent).toContain('同意回电')
    // The files are fetched with the token and shown from blobs: a thumbnail and a player.
    await vi.waitFor(() => expect(document.querySelector('[data-kind="VOICE"] audio')?.getAttribute('src')).toBe('blob:attachment'))
    await vi.waitFor(() => expect(document.querySelector('[data-kind="IMAGE"] .el-image')).toBeTruthy())
    const downloads = sent.filter((req) => req.path.includes('/attachments/'))
    expect(downloads.map((req) => req.path).sort()).toEqual(['/api/v1/questions/q-1/attachments/att-1', '/api/v1/questions/q-1/attachments/att-2'])
    expect(downloads.every((req) => req.authorization === 'Bearer a1')).toBe(true)
    expect(document.querySelector('[data-test="message"]')!.textContent).toContain('赵秀英')
    expect(document.querySelector('[data-test="history"]')!.textContent).toContain('认领 · 李文博')
    // The buttons follow `actions`.
    expect(actionButtons()).toEqual(['转介', '转交', '放回队列', '办结'])
    expect(document.querySelector('[data-test="answer-form"]')).toBeTruthy()
    expect(document.querySelector('[data-test="rating"]')).toBeNull()
    expect(posts(sent)).toEqual([])
  })

  it('renews the lease every five minutes while it holds the question, and stops when the lease is lost', async () => {
    let renewals = 0
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        ...files,
        'GET /api/v1/questions/q-1': () => json(renewals < 2 ? held() : questionView({ status: 'OPEN', claim: null, actions: ['CLAIM'] })),
        'POST /api/v1/questions/q-1/lease': () =>
          ++renewals === 1 ? json(withLease('2026-12-08T02:20:00Z')) : problem(409, 'NOT_HOLDER', '认领已过期，问题已回到队列'),
      }),
    )
    await mountApp('/questions/q-1', signedIn)
    await vi.waitFor(() => expect(document.querySelector('[data-test="lease"]')!.textContent).toContain('认领将于 10:15 到期'))

    vi.advanceTimersByTime(4 * MINUTES)
    expect(posts(sent)).toEqual([])
    vi.advanceTimersByTime(1 * MINUTES)
    await vi.waitFor(() => expect(document.querySelector('[data-test="lease"]')!.textContent).toContain('认领将于 10:20 到期'))
    expect(posts(sent).map((req) => req.path)).toEqual(['/api/v1/questions/q-1/lease'])

    // The second renewal finds the lease gone: the page says so and shows the question as it now stands.
    vi.advanceTimersByTime(5 * MINUTES)
    await vi.waitFor(() => expect(pageText()).toContain('认领已过期，问题已回到队列'))
    await vi.waitFor(() => expect(actionButtons()).toEqual(['认领']))
    expect(document.querySelector('[data-test="lease"]')).toBeNull()
    vi.advanceTimersByTime(15 * MINUTES)
    expect(posts(sent)).toHaveLength(2)
  })

  it('renews at once when opened with less than five minutes left, and stops renewing when the page closes', async () => {
    let renewed = false
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        ...files,
        'GET /api/v1/questions/q-1': () => json(withLease(renewed ? '2026-12-08T02:15:00Z' : '2026-12-08T02:03:00Z')),
        // Should the api answer only the new lease, the page reads the question again.
        'POST /api/v1/questions/q-1/lease': () => {
          renewed = true
          return json({ leaseUntil: '2026-12-08T02:15:00Z' })
        },
      }),
    )
    const { router } = await mountApp('/questions/q-1', signedIn)

    await vi.waitFor(() => expect(document.querySelector('[data-test="lease"]')!.textContent).toContain('认领将于 10:15 到期'))
    expect(posts(sent)).toHaveLength(1)

    await router.push('/')
    vi.advanceTimersByTime(30 * MINUTES)
    expect(posts(sent)).toHaveLength(1)
  })

  it('answers with text, a canned answer filled in for the question, a file and an article', async () => {
    const answered = answeredQuestion({ actions: ['CLOSE'] })
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        ...files,
        'GET /api/v1/questions/q-1': () => json(held()),
        'GET /api/v1/canned-answers': () => json([cannedAnswer(), sharedCannedAnswer]),
        'POST /api/v1/questions/q-1/canned-answers/ca-1/render': () =>
          json({ text: '赵秀英您好，关于土地承包与流转，建议先请柳林村村委会调解。' }),
        'POST /api/v1/questions/attachments': () => json({ id: 'att-9', kind: 'IMAGE', mediaType: 'image/png', bytes: 2048 }, 201),
        'POST /api/v1/questions/q-1/answer': () => json(answered),
      }),
    )
    await mountApp('/questions/q-1', signedIn)
    const text = await found<HTMLTextAreaElement>('textarea[name="answer"]')

    typeInto(text, '补充：')
    text.setSelectionRange(0, 0)
    await chooseOption('canned-picker', '土地纠纷先调解')
    await vi.waitFor(() => expect(text.value).toBe('赵秀英您好，关于土地承包与流转，建议先请柳林村村委会调解。补充：'))
    expect(sent.some((req) => req.path.endsWith('/render') && req.method === 'POST')).toBe(true)

    const fileInput = document.querySelector<HTMLInputElement>('input[name="attachments"]')!
    Object.defineProperty(fileInput, 'files', { value: [new File([new Uint8Array(2048)], '地界.png', { type: 'image/png' })], configurable: true })
    fileInput.dispatchEvent(new Event('change'))
    await vi.waitFor(() => expect(document.querySelector('[data-test="answer-file"]')!.textContent).toContain('地界.png（2 KB）'))

    typeInto(document.querySelector<HTMLInputElement>('input[name="articleTitle"]')!, '农村土地承包纠纷怎么解决')
    typeInto(document.querySelector<HTMLInputElement>('input[name="articleUrl"]')!, 'https://example.org/articles/land')
    buttonNamed('发送解答').click()

    await vi.waitFor(() => expect(pageText()).toContain('解答已发送，系统将通知提问人'))
    expect(JSON.parse(sent.find((req) => req.path.endsWith('/answer'))!.body)).toEqual({
      text: '赵秀英您好，关于土地承包与流转，建议先请柳林村村委会调解。补充：',
      attachmentIds: ['att-9'],
      article: { title: '农村土地承包纠纷怎么解决', url: 'https://example.org/articles/land' },
    })
    // Answered: the form is gone, the answer is in the thread, only 办结 is left.
    await vi.waitFor(() => expect(document.querySelector('[data-test="answer-form"]')).toBeNull())
    expect(actionButtons()).toEqual(['办结'])
    expect([...document.querySelectorAll('[data-test="message"]')].at(-1)!.textContent).toContain('农村土地承包纠纷怎么解决')
  })

  it('refuses an empty answer and a file the api would not take, without sending', async () => {
    const sent = stubNetwork(routes({ ...asAdvisor, ...files, 'GET /api/v1/questions/q-1': () => json(held()) }))
    await mountApp('/questions/q-1', signedIn)
    await found('textarea[name="answer"]')

    const fileInput = document.querySelector<HTMLInputElement>('input[name="attachments"]')!
    Object.defineProperty(fileInput, 'files', { value: [new File(['%PDF'], '合同.pdf', { type: 'application/pdf' })], configurable: true })
    fileInput.dispatchEvent(new Event('change'))
    await vi.waitFor(() => expect(pageText()).toContain('“合同.pdf”不是 JPG/PNG 图片或 MP3/AAC/M4A 语音'))
    buttonNamed('发送解答').click()

    await vi.waitFor(() => expect(pageText()).toContain('请填写解答内容'))
    expect(posts(sent)).toEqual([])
  })

  it('answers with a referral to legal aid', async () => {
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        ...files,
        'GET /api/v1/questions/q-1': () => json(held()),
        'POST /api/v1/questions/q-1/referral': () => json(answeredQuestion({ actions: [] })),
      }),
    )
    await mountApp('/questions/q-1', signedIn)
    await vi.waitFor(() => expect(actionButtons()).toContain('转介'))

    buttonNamed('转介').click()
    await found('[data-test="referral-dialog"]')
    ;[...openDialog().querySelectorAll<HTMLElement>('.el-radio-button')].find((option) => option.textContent?.trim() === '建议申请法律援助')!.click()
    typeInto(openDialog().querySelector<HTMLTextAreaElement>('textarea[name="referralText"]')!, '您的情况符合法律援助条件，可到山河镇司法所申请')
    buttonNamed('发送转介', openDialog()).click()
    await vi.waitFor(() => expect(pageText()).toContain('转介已发送，系统将通知提问人'))
    expect(JSON.parse(sent.find((req) => req.path.endsWith('/referral'))!.body)).toEqual({
      kind: 'LEGAL_AID',
      text: '您的情况符合法律援助条件，可到山河镇司法所申请',
    })
  })

  it('puts the question back in the queue with a note', async () => {
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        ...files,
        'GET /api/v1/questions/q-1': () => json(held()),
        'POST /api/v1/questions/q-1/release': () => json(questionView({ status: 'OPEN', claim: null, actions: ['CLAIM'] })),
      }),
    )
    await mountApp('/questions/q-1', signedIn)
    await vi.waitFor(() => expect(actionButtons()).toContain('放回队列'))

    buttonNamed('放回队列').click()
    await found('.el-message-box')
    typeInto(openDialog().querySelector('textarea')!, ' 需要熟悉劳动法的顾问 ')
    buttonNamed('放回队列', openDialog()).click()

    await vi.waitFor(() => expect(pageText()).toContain('已放回队列'))
    expect(JSON.parse(sent.find((req) => req.path.endsWith('/release'))!.body)).toEqual({ note: '需要熟悉劳动法的顾问' })
    await vi.waitFor(() => expect(actionButtons()).toEqual(['认领']))
    expect(document.querySelector('[data-test="answer-form"]')).toBeNull()
  })

  it('transfers to an advisor of the county, who must be chosen, with a note', async () => {
    const sent = stubNetwork(
      routes({
        ...asAdvisor,
        ...files,
        'GET /api/v1/questions/q-1': () => json(held()),
        'GET /api/v1/questions/q-1/transfer-candidates': () =>
          json([{ advisorId: liMing.id, name: '李明', servesVillage: true }, { advisorId: 'adv-zhou', name: '周敏', servesVillage: false }]),
        'POST /api/v1/questions/q-1/transfer': () => json(questionView({ claim: { ...questionView().claim!, advisorId: 'adv-1', advisorName: '李明' }, actions: [] })),
      }),
    )
    await mountApp('/questions/q-1', signedIn)
    await vi.waitFor(() => expect(actionButtons()).toContain('转交'))

    buttonNamed('转交').click()
    await found('[data-test="transfer-dialog"]')
    buttonNamed('转交', openDialog()).click()
    await vi.waitFor(() => {
      expect(openDialog().textContent).toContain('请选择接手的法律顾问')
      expect(openDialog().textContent).toContain('请说明转交原因')
    })

    // The api's candidates, the village's own marked
    await chooseOption('transfer-advisor', '李明（本村法律顾问）')
    expect([...document.querySelectorAll('.el-select-dropdown__item')].map((item) => item.textContent!.trim()))
      .toEqual(['李明（本村法律顾问）', '周敏'])
    typeInto(openDialog().querySelector<HTMLTextAreaElement>('textarea[name="transferNote"]')!, '李律师负责柳林村')
    buttonNamed('转交', openDialog()).click()

    await vi.waitFor(() => expect(pageText()).toContain('已转交'))
    expect(JSON.parse(sent.find((req) => req.path.endsWith('/transfer'))!.body)).toEqual({ advisorId: liMing.id, note: '李律师负责柳林村' })
    await vi.waitFor(() => expect(document.querySelector('[data-test="actions"]')).toBeNull())
    expect(pageText()).toContain('由 李明 于')
  })
})

describe('question page (claiming, and as an admin)', () => {
  it('says when another advisor claimed the question first and shows it as it now stands', async () => {
    let reads = 0
    const open = questionView({ status: 'OPEN', claim: null, actions: ['CLAIM'] })
    const claimedByOther = questionView({ claim: { ...questionView().claim!, advisorId: 'adv-2', advisorName: '王芳' }, actions: [] })
    stubNetwork(
      routes({
        ...asAdvisor,
        ...files,
        'GET /api/v1/questions/q-1': () => json(reads++ === 0 ? open : claimedByOther),
        'POST /api/v1/questions/q-1/claim': () => problem(409, 'ALREADY_CLAIMED', '该问题已被认领'),
      }),
    )
    await mountApp('/questions/q-1', signedIn)
    await vi.waitFor(() => expect(actionButtons()).toEqual(['认领']))

    buttonNamed('认领').click()

    await vi.waitFor(() => expect(pageText()).toContain('已被其他顾问认领'))
    await vi.waitFor(() => expect(pageText()).toContain('由 王芳 于'))
    expect(document.querySelector('[data-test="actions"]')).toBeNull()
  })

  it('shows an answered question with its rating, a masked phone and only the admin’s actions', async () => {
    const saved: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(`${this.download} ${this.href}`)
    })
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(adminUser),
        ...files,
        'GET /api/v1/questions/q-1': () => json(answeredQuestion()),
        'GET /api/v1/questions/q-1/attachments/att-3': () =>
          new Response('%PDF', { headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="guide.pdf"' } }),
      }),
    )
    await mountApp('/questions/q-1', signedIn)

    await vi.waitFor(() => expect(document.querySelector('[data-test="rating"]')).toBeTruthy())
    expect(actionButtons()).toEqual(['办结'])
    expect(document.querySelector('[data-test="answer-form"]')).toBeNull()
    expect(document.querySelector('[data-test="lease"]')).toBeNull()
    const asker = document.querySelector<HTMLElement>('[data-test="asker"]')!
    expect(asker.querySelector('a')).toBeNull()
    expect(asker.textContent).toContain('139****5678')
    expect(document.querySelector('[data-test="rating"]')!.textContent).toContain('解答清楚')
    expect(document.querySelector('[data-test="rating"]')!.textContent).toContain('谢谢李律师')
    const answer = [...document.querySelectorAll<HTMLElement>('[data-test="message"]')].at(-1)!
    expect(answer.querySelector('a')!.getAttribute('href')).toBe('https://example.org/articles/land')
    // A document downloads only when asked for.
    expect(sent.some((req) => req.path.endsWith('/att-3'))).toBe(false)
    buttonNamed('下载附件（293 KB）', answer).click()
    await vi.waitFor(() => expect(saved).toEqual(['guide.pdf blob:attachment']))
    expect(sent.find((req) => req.path.endsWith('/att-3'))!.authorization).toBe('Bearer a1')
    vi.advanceTimersByTime(30 * MINUTES)
    expect(posts(sent)).toEqual([])
  })

  it('reviews a held question from its page', async () => {
    const heldForReview = questionView({ status: 'HELD_FOR_REVIEW', statusLabel: '待审核', contentCheck: 'REVIEW', claim: null, actions: ['REVIEW'] })
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(adminUser),
        ...files,
        'GET /api/v1/questions/q-1': () => json(heldForReview),
        'POST /api/v1/admin/questions/q-1/review': () => json(questionView({ status: 'OPEN', statusLabel: '待认领', claim: null, actions: [] })),
      }),
    )
    await mountApp('/questions/q-1', signedIn)
    await vi.waitFor(() => expect(actionButtons()).toEqual(['通过', '驳回']))
    expect(pageText()).toContain('微信内容安全检测提示需人工审核')

    buttonNamed('通过').click()
    await found('.el-message-box')
    buttonNamed('通过', openDialog()).click()

    await vi.waitFor(() => expect(pageText()).toContain('已通过，问题进入队列'))
    expect(JSON.parse(sent.find((req) => req.path.endsWith('/review'))!.body)).toEqual({ decision: 'APPROVE' })
    expect(document.querySelector('[data-test="question-status"]')!.textContent!.trim()).toBe('待认领')
  })
})
