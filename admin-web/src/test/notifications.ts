// Sample answers of the notification and robot endpoints, shaped as docs/notifications.md and the robots contract say.
import type { ChannelHealth, Delivery } from '@/api/notifications'
import type { Robot } from '@/api/robots'

export function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    id: '665f1c2e8b3e4a0012345678',
    recipientId: 'u-resident-1',
    regionCode: '621025100201',
    template: 'booking.confirmed',
    title: '预约成功',
    data: { phone: '139****5678', time: '12月8日 09:00' },
    status: 'DELIVERED',
    attempts: 1,
    deliveredChannel: 'SANDBOX',
    createdAt: '2026-12-07T01:00:00Z',
    dueAt: '2026-12-07T01:00:00Z',
    nextAttemptAt: null,
    deliveredAt: '2026-12-07T01:00:02Z',
    lastError: null,
    note: null,
    ...overrides,
  }
}

export const deadLetter = delivery({
  id: '665f1c2e8b3e4a0012345679',
  template: 'answer.ready',
  title: '您的问题已有答复',
  data: { idNumber: '621025********123X' },
  status: 'DEAD',
  attempts: 8,
  deliveredChannel: null,
  nextAttemptAt: null,
  deliveredAt: null,
  lastError: '43101 用户拒绝接受消息',
})

/** Handed to WeChat when a dispatcher died: may have arrived, so it is only sent again on request. */
export const unconfirmed = delivery({
  id: '665f1c2e8b3e4a001234567a',
  title: '法律援助申请已受理',
  status: 'UNCONFIRMED',
  deliveredChannel: 'SUBSCRIPTION',
  deliveredAt: null,
  lastError: '发送过程中服务中断，无法确认微信是否已送达；为避免重复发送未自动重发，消息仍在站内信中。',
  note: 'OFFICIAL_ACCOUNT：用户 48 小时内没有给公众号发过消息',
})

export const health: ChannelHealth[] = [
  { channel: 'SANDBOX', sent: 12, failed: 0, throttled: 0, skipped: 0 },
  { channel: 'SUBSCRIPTION', sent: 5, failed: 2, throttled: 3, skipped: 4 },
]

export function robot(overrides: Partial<Robot> = {}): Robot {
  return {
    id: 'robot-1',
    name: '山河镇法律顾问群',
    regionCode: '621025100000',
    purpose: 'TOWNSHIP_ADVISORS',
    keyHint: '****a1b2',
    createdAt: '2026-11-20T02:30:00Z',
    ...overrides,
  }
}

export const WEBHOOK = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7b1c-4bc4-97a0-0ec2f1a5a1b2'
