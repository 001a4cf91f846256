// Sample answers of the question, queue and canned-answer endpoints, shaped as docs/questions.md describes them.
import type { CannedAnswer } from '@/api/cannedAnswers'
import type { QueueItem, QueuePage, QuestionView } from '@/api/questions'

export function queueItem(overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    id: 'q-1',
    villageCode: '621025100201',
    villageName: '柳林村',
    topic: 'LAND',
    topicLabel: '土地承包与流转',
    excerpt: '邻居把我家承包地的界石挪了，村里调解不成，该怎么办？',
    status: 'OPEN',
    statusLabel: '待认领',
    poolLevel: 'VILLAGE',
    urgent: false,
    greenChannel: false,
    askedAt: '2026-12-08T00:30:00Z',
    escalateAt: '2026-12-08T04:30:00Z',
    leaseUntil: null,
    answered: false,
    ...overrides,
  }
}

export function queuePage(items: QueueItem[], nextCursor: string | null = null): QueuePage {
  return { items, nextCursor }
}

/** A question the advisor 李文博 (advisorUser) holds, with a photo and a voice clip from the asker. */
export function questionView(overrides: Partial<QuestionView> = {}): QuestionView {
  return {
    id: 'q-1',
    villageCode: '621025100201',
    villageName: '柳林村',
    topic: 'LAND',
    topicLabel: '土地承包与流转',
    text: '邻居把我家承包地的界石挪了，村里调解不成，该怎么办？',
    status: 'CLAIMED',
    statusLabel: '解答中',
    poolLevel: 'VILLAGE',
    urgent: true,
    greenChannel: false,
    channel: 'MINI_PROGRAM',
    contentCheck: 'PASS',
    asker: { name: '赵秀英', phone: '13912345678', callbackAllowed: true, forNeighbour: false, navigatorName: null },
    attachments: [
      { id: 'att-1', kind: 'IMAGE', mediaType: 'image/jpeg', bytes: 120_000 },
      { id: 'att-2', kind: 'VOICE', mediaType: 'audio/mp4', bytes: 40_000 },
    ],
    claim: { advisorId: 'adv-li', advisorName: '李文博', claimedAt: '2026-12-08T01:50:00Z', leaseUntil: '2026-12-08T02:05:00Z' },
    messages: [
      {
        id: 'm-1',
        kind: 'QUESTION',
        authorName: '赵秀英',
        authorRole: 'RESIDENT',
        text: '邻居把我家承包地的界石挪了，村里调解不成，该怎么办？',
        attachments: [
          { id: 'att-1', kind: 'IMAGE', mediaType: 'image/jpeg', bytes: 120_000 },
          { id: 'att-2', kind: 'VOICE', mediaType: 'audio/mp4', bytes: 40_000 },
        ],
        article: null,
        referral: null,
        at: '2026-12-08T00:30:00Z',
      },
    ],
    history: [
      { at: '2026-12-08T00:30:00Z', action: 'ASKED', actorName: '赵秀英', actorRole: 'RESIDENT', fromStatus: null, toStatus: 'OPEN', note: null },
      { at: '2026-12-08T01:50:00Z', action: 'CLAIMED', actorName: '李文博', actorRole: 'ADVISOR', fromStatus: 'OPEN', toStatus: 'CLAIMED', note: null },
    ],
    rating: null,
    askedAt: '2026-12-08T00:30:00Z',
    firstClaimedAt: '2026-12-08T01:50:00Z',
    firstAnsweredAt: null,
    closedAt: null,
    reopenUntil: null,
    escalateAt: null,
    actions: ['RENEW', 'ANSWER', 'RELEASE', 'TRANSFER', 'REFER', 'CLOSE'],
    ...overrides,
  }
}

/** The same question answered and rated, as an admin sees it: nothing left to do but close it. */
export function answeredQuestion(overrides: Partial<QuestionView> = {}): QuestionView {
  const base = questionView()
  return questionView({
    status: 'ANSWERED',
    statusLabel: '已解答',
    claim: null,
    asker: { ...base.asker, phone: '139****5678' },
    messages: [
      ...base.messages,
      {
        id: 'm-2',
        kind: 'ANSWER',
        authorName: '李文博',
        authorRole: 'ADVISOR',
        text: '可以先申请村委会重新确认地界，调解不成可向乡镇人民政府申请处理。',
        attachments: [{ id: 'att-3', kind: 'DOCUMENT', mediaType: 'application/pdf', bytes: 300_000 }],
        article: { title: '农村土地承包纠纷怎么解决', url: 'https://example.org/articles/land' },
        referral: null,
        at: '2026-12-08T02:10:00Z',
      },
    ],
    history: [
      ...base.history,
      { at: '2026-12-08T02:10:00Z', action: 'ANSWERED', actorName: '李文博', actorRole: 'ADVISOR', fromStatus: 'CLAIMED', toStatus: 'ANSWERED', note: null },
      { at: '2026-12-08T03:00:00Z', action: 'RATED', actorName: '赵秀英', actorRole: 'RESIDENT', fromStatus: null, toStatus: null, note: null },
    ],
    rating: { stars: 4, tags: ['解答清楚'], comment: '谢谢李律师', at: '2026-12-08T03:00:00Z' },
    firstAnsweredAt: '2026-12-08T02:10:00Z',
    actions: ['CLOSE'],
    ...overrides,
  })
}

export function cannedAnswer(overrides: Partial<CannedAnswer> = {}): CannedAnswer {
  return {
    id: 'ca-1',
    scope: 'PERSONAL',
    title: '土地纠纷先调解',
    text: '{提问人}您好，关于{事项}，建议先请{村名}村委会调解。如需面谈请致电{顾问电话}。',
    regionCode: null,
    regionName: null,
    createdBy: 'u-advisor-li',
    updatedAt: '2026-12-01T02:00:00Z',
    revision: 0,
    editable: true,
    ...overrides,
  }
}

export const sharedCannedAnswer = cannedAnswer({
  id: 'ca-2',
  scope: 'SHARED',
  title: '法律援助申请指引',
  text: '您好，{事项}可以申请法律援助，请携带身份证到司法所办理。',
  regionCode: '621025000000',
  regionName: '正宁县',
  createdBy: 'u-zn-admin',
  editable: false,
})
