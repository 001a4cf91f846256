import { describe, expect, it } from 'vitest'
import { attachmentProblem, callable, durationText, escalationText, leaseEndsSoon, leaseText, minutesLeft, sizeText, waitingText } from './questions'

const at = (iso: string) => Date.parse(iso)

describe('question pages logic', () => {
  it('says how long in minutes, hours and days', () => {
    expect([30, 60, 25 * 60, 3 * 3600, 3 * 3600 + 5 * 60, 2 * 86_400, 2 * 86_400 + 4 * 3600].map(durationText)).toEqual([
      '不到 1 分钟',
      '1 分钟',
      '25 分钟',
      '3 小时',
      '3 小时 5 分',
      '2 天',
      '2 天 4 小时',
    ])
    expect(waitingText('2026-12-08T00:30:00Z', at('2026-12-08T02:00:00Z'))).toBe('已等待 1 小时 30 分')
    // A clock slightly behind the server's never shows a negative wait.
    expect(waitingText('2026-12-08T02:01:00Z', at('2026-12-08T02:00:00Z'))).toBe('已等待 不到 1 分钟')
  })

  it('tells when an open question widens to the next pool, and nothing for the county or a claimed one', () => {
    const item = { status: 'OPEN' as const, poolLevel: 'VILLAGE' as const, escalateAt: '2026-12-08T04:30:00Z' }
    expect(escalationText(item)).toBe('2026/12/08 12:30 起转乡镇统筹')
    expect(escalationText({ ...item, poolLevel: 'TOWNSHIP' })).toBe('2026/12/08 12:30 起转县级统筹')
    expect(escalationText({ ...item, poolLevel: 'COUNTY' })).toBe('')
    expect(escalationText({ ...item, status: 'CLAIMED' })).toBe('')
    expect(escalationText({ ...item, escalateAt: null })).toBe('')
  })

  it('shows the lease in Asia/Shanghai time, and knows when it needs renewing now', () => {
    expect(leaseText('2026-12-08T02:15:00Z')).toBe('认领将于 10:15 到期')
    expect(minutesLeft('2026-12-08T02:15:00Z', at('2026-12-08T02:00:30Z'))).toBe(14)
    expect(minutesLeft('2026-12-08T02:15:00Z', at('2026-12-08T03:00:00Z'))).toBe(0)
    expect(leaseEndsSoon('2026-12-08T02:05:00Z', at('2026-12-08T02:00:00Z'))).toBe(true)
    expect(leaseEndsSoon('2026-12-08T02:05:01Z', at('2026-12-08T02:00:00Z'))).toBe(false)
    expect(leaseEndsSoon(undefined, at('2026-12-08T02:00:00Z'))).toBe(false)
  })

  it('takes JPEG/PNG up to 5 MB and voice up to 2 MB, and says why not otherwise', () => {
    const file = (name: string, type: string, bytes: number) => new File([new Uint8Array(bytes)], name, { type })
    expect(attachmentProblem(file('a.jpg', 'image/jpeg', 5 * 1024 * 1024))).toBeNull()
    expect(attachmentProblem(file('a.png', 'image/png', 5 * 1024 * 1024 + 1))).toBe('图片“a.png”超过 5 MB')
    expect(attachmentProblem(file('v.m4a', '', 1024))).toBeNull()
    expect(attachmentProblem(file('v.mp3', 'audio/mpeg', 2 * 1024 * 1024 + 1))).toBe('语音“v.mp3”超过 2 MB')
    expect(attachmentProblem(file('a.gif', 'image/gif', 10))).toBe('“a.gif”不是 JPG/PNG 图片或 MP3/AAC/M4A 语音')
    expect(attachmentProblem(file('v.wav', 'audio/wav', 10))).toBe('“v.wav”不是 JPG/PNG 图片或 MP3/AAC/M4A 语音')
  })

  it('writes sizes and tells a callable number from a masked one', () => {
    expect([100, 2048, 300_000, 1_572_864].map(sizeText)).toEqual(['1 KB', '2 KB', '293 KB', '1.5 MB'])
    expect(callable('13912345678')).toBe(true)
    expect(callable('0934-1234567')).toBe(true)
    expect(callable('139****5678')).toBe(false)
    expect(callable(null)).toBe(false)
  })
})
