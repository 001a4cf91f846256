import { describe, expect, it } from 'vitest'
import { signedIn } from '@/test/directory'
import { cannedAnswer, queueItem, queuePage, questionView, sharedCannedAnswer } from '@/test/questions'
import { json, noContent, problem, startApp, stubNetwork } from '@/test/support'
import { poolLevelLabel, questionHistoryLabel, questionStatusLabel, referralLabel } from '@/utils/labels'
import {
  createCannedAnswer,
  deleteCannedAnswer,
  listCannedAnswers,
  renderCannedAnswer,
  updateCannedAnswer,
} from './cannedAnswers'
import { ApiProblem } from './http'
import {
  answerQuestion,
  claimQuestion,
  closeQuestion,
  downloadAttachment,
  getQuestion,
  getSlaStats,
  listAdminQuestions,
  listHeldQuestions,
  listQueue,
  referQuestion,
  releaseQuestion,
  renewLease,
  reviewQuestion,
  slaLines,
  transferQuestion,
  uploadAttachment,
} from './questions'

describe('questions API module', () => {
  it('reads the queue page by page, the questions held and one question, with the token', async () => {
    startApp(signedIn)
    const sent = stubNetwork((req) => (req.path === '/api/v1/questions/q-1' ? json(questionView()) : json(queuePage([queueItem()], 'c-2'))))

    await expect(listQueue()).resolves.toEqual(queuePage([queueItem()], 'c-2'))
    await listQueue('c-2', 40)
    await listHeldQuestions()
    await expect(getQuestion('q-1')).resolves.toEqual(questionView())

    expect(sent.map((req) => `${req.method} ${req.path}?${req.query}`)).toEqual([
      'GET /api/v1/queue?limit=20',
      'GET /api/v1/queue?cursor=c-2&limit=40',
      'GET /api/v1/queue/mine?',
      'GET /api/v1/questions/q-1?',
    ])
    expect(sent.every((req) => req.authorization === 'Bearer a1')).toBe(true)
  })

  it('claims, renews, answers, releases, transfers, refers and closes', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => json(questionView()))

    await claimQuestion('q-1')
    await renewLease('q-1')
    await answerQuestion('q-1', { text: '建议先调解', attachmentIds: ['att-9'], article: { title: '土地纠纷', url: 'https://example.org/a' } })
    await releaseQuestion('q-1')
    await releaseQuestion('q-1', '需要熟悉劳动法的顾问')
    await transferQuestion('a/b', 'adv-2', '王律师更熟悉')
    await referQuestion('q-1', 'LEGAL_AID', '符合法律援助条件')
    await closeQuestion('q-1')

    expect(sent.map((req) => `${req.method} ${req.path} ${req.body}`)).toEqual([
      'POST /api/v1/questions/q-1/claim ',
      'POST /api/v1/questions/q-1/lease ',
      'POST /api/v1/questions/q-1/answer {"text":"建议先调解","attachmentIds":["att-9"],"article":{"title":"土地纠纷","url":"https://example.org/a"}}',
      'POST /api/v1/questions/q-1/release {}',
      'POST /api/v1/questions/q-1/release {"note":"需要熟悉劳动法的顾问"}',
      'POST /api/v1/questions/a%2Fb/transfer {"advisorId":"adv-2","note":"王律师更熟悉"}',
      'POST /api/v1/questions/q-1/referral {"kind":"LEGAL_AID","text":"符合法律援助条件"}',
      'POST /api/v1/questions/q-1/close ',
    ])
  })

  it('turns a lost race for a question into a problem with its code', async () => {
    startApp(signedIn)
    stubNetwork(() => problem(409, 'ALREADY_CLAIMED', '该问题已被其他顾问认领'))

    const failure = await claimQuestion('q-1').catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(ApiProblem)
    expect((failure as ApiProblem).code).toBe('ALREADY_CLAIMED')
  })

  it('uploads a file as multipart and downloads one with the token', async () => {
    startApp(signedIn)
    const sent = stubNetwork((req) =>
      req.method === 'POST'
        ? json({ id: 'att-9', kind: 'IMAGE', mediaType: 'image/png', bytes: 3 }, 201)
        : new Response('png', { headers: { 'Content-Type': 'image/png' } }),
    )
    const file = new File(['png'], 'photo.png', { type: 'image/png' })

    await expect(uploadAttachment(file)).resolves.toEqual({ id: 'att-9', kind: 'IMAGE', mediaType: 'image/png', bytes: 3 })
    const download = await downloadAttachment('q-1', 'att-1')

    expect(sent[0]!.path).toBe('/api/v1/questions/attachments')
    expect(sent[0]!.formData!.get('file')).toBeInstanceOf(File)
    expect(sent[1]!.path).toBe('/api/v1/questions/q-1/attachments/att-1')
    expect(sent[1]!.authorization).toBe('Bearer a1')
    expect(await download.blob.text()).toBe('png')
  })

  it('lists the region’s questions with only the filters given, and reviews held ones', async () => {
    startApp(signedIn)
    const sent = stubNetwork((req) => (req.method === 'GET' ? json(queuePage([])) : json(questionView({ status: 'OPEN' }))))

    await listAdminQuestions({ region: '621025000000', status: 'HELD_FOR_REVIEW', topic: '', from: '2026-12-01', to: '2026-12-31' })
    await listAdminQuestions({}, 'c-3')
    await reviewQuestion('q-1', 'APPROVE')
    await reviewQuestion('q-1', 'REJECT', '含有广告内容')

    expect(sent.map((req) => `${req.method} ${req.path}?${req.query} ${req.body}`)).toEqual([
      'GET /api/v1/admin/questions?region=621025000000&status=HELD_FOR_REVIEW&from=2026-12-01&to=2026-12-31&limit=20 ',
      'GET /api/v1/admin/questions?cursor=c-3&limit=20 ',
      'POST /api/v1/admin/questions/q-1/review? {"decision":"APPROVE"}',
      'POST /api/v1/admin/questions/q-1/review? {"decision":"REJECT","reason":"含有广告内容"}',
    ])
  })

  it('reads the time-limit statistics of a region and period', async () => {
    startApp(signedIn)
    const sent = stubNetwork(() => json({ byAdvisor: [], byVillage: [] }))

    await getSlaStats({ region: '621025000000', from: '2026-11-01', to: '2026-11-30' })

    expect(`${sent[0]!.path}?${sent[0]!.query}`).toBe('/api/v1/admin/questions/sla?region=621025000000&from=2026-11-01&to=2026-11-30')
  })
})

describe('time-limit statistics rows', () => {
  it('turns the api rows into table lines: minutes into seconds, the three kinds of breach summed', () => {
    const figures = {
      questions: 12, answered: 10, closed: 8, claimMedian: 25, claimP90: 90, answerMedian: 120, answerP90: 1560,
      resolutionMedian: null, resolutionP90: null, claimBreaches: 1, answerBreaches: 2, resolutionBreaches: 0,
      ratings: 6, averageStars: 4.5,
    }

    expect(slaLines([{ id: 'adv-1', name: '李明', figures }])).toEqual([{
      key: 'adv-1',
      name: '李明',
      asked: 12,
      answered: 10,
      closed: 8,
      firstClaim: { median: 1500, p90: 5400 },
      firstAnswer: { median: 7200, p90: 93_600 },
      resolution: { median: null, p90: null },
      breaches: 3,
      averageRating: 4.5,
      ratings: 6,
    }])
    expect(slaLines(undefined)).toEqual([])
  })
})

describe('canned answers API module', () => {
  it('lists, creates, edits, deletes and renders for a question', async () => {
    startApp(signedIn)
    let listed = 0
    const sent = stubNetwork((req) => {
      if (req.method === 'GET') return json(listed++ === 0 ? [cannedAnswer()] : [sharedCannedAnswer])
      if (req.method === 'DELETE') return noContent()
      if (req.path.endsWith('/render')) return json({ text: '赵秀英您好' })
      return json(cannedAnswer())
    })
    const fields = { scope: 'SHARED' as const, title: '法律援助', text: '您好，{事项}', regionCode: '621025000000' }

    await expect(listCannedAnswers()).resolves.toEqual([cannedAnswer()])
    await expect(listCannedAnswers()).resolves.toEqual([sharedCannedAnswer])
    await createCannedAnswer(fields)
    await updateCannedAnswer('ca-1', { title: '先调解', text: '{提问人}您好', revision: 3 })
    await deleteCannedAnswer('ca-1')
    await expect(renderCannedAnswer('q-1', 'ca-1')).resolves.toEqual({ text: '赵秀英您好' })

    expect(sent.map((req) => `${req.method} ${req.path} ${req.body}`)).toEqual([
      'GET /api/v1/canned-answers ',
      'GET /api/v1/canned-answers ',
      'POST /api/v1/canned-answers {"scope":"SHARED","title":"法律援助","text":"您好，{事项}","regionCode":"621025000000"}',
      'PUT /api/v1/canned-answers/ca-1 {"title":"先调解","text":"{提问人}您好","revision":3}',
      'DELETE /api/v1/canned-answers/ca-1 ',
      'POST /api/v1/questions/q-1/canned-answers/ca-1/render ',
    ])
  })
})

describe('question labels', () => {
  it('names statuses, pools, history and referrals in Chinese, and shows unknown values as they are', () => {
    expect(['HELD_FOR_REVIEW', 'OPEN', 'CLAIMED', 'ANSWERED', 'CLOSED', 'REJECTED'].map(questionStatusLabel)).toEqual([
      '待审核',
      '待认领',
      '解答中',
      '已解答',
      '已办结',
      '未通过审核',
    ])
    expect(['VILLAGE', 'TOWNSHIP', 'COUNTY', 'PROVINCE'].map(poolLevelLabel)).toEqual(['本村', '乡镇统筹', '县级统筹', 'PROVINCE'])
    expect(['LEASE_EXPIRED', 'AUTO_CLOSED', 'NEW_ACTION'].map(questionHistoryLabel)).toEqual(['认领超时，回到队列', '自动办结', 'NEW_ACTION'])
    expect(['BOOKING', 'LEGAL_AID'].map(referralLabel)).toEqual(['建议预约面谈', '建议申请法律援助'])
  })
})
