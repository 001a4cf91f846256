import { describe, expect, it, vi } from 'vitest'
import { liMing, monthlyRule, session, signedIn, village } from '@/test/directory'
import { buttonNamed, countyAdmin, found, json, mountApp, openDialog, pageText, problem, routes, stubNetwork, typeInto } from '@/test/support'
import { addDays, shanghaiDate } from '@/utils/format'

const ruleRows = () => [...document.querySelectorAll('[data-test="duty-rules"] .el-table__body tbody tr')]
const sessionRows = () => [...document.querySelectorAll('[data-test="duty-sessions"] .el-table__body tbody tr')]
const base = {
  'GET /api/v1/me': () => json(countyAdmin),
  'GET /api/v1/regions': () => json([village]),
  'GET /api/v1/admin/advisors': () => json([liMing]),
  'GET /api/v1/admin/duty-rules': () => json([monthlyRule]),
}

describe('duty page', () => {
  it('shows the village’s rules and the sessions of the next eight weeks', async () => {
    const sent = stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/duty-sessions': () => json([session(), session({ id: 's2', status: 'CANCELLED', bookedCount: 3 })]),
      }),
    )

    await mountApp(`/duty?village=${village.code}`, signedIn)

    await vi.waitFor(() => expect(ruleRows()).toHaveLength(1))
    expect(ruleRows()[0]!.textContent).toContain('每月第一周 周二 09:00–12:00 · 现场')
    expect(ruleRows()[0]!.textContent).toContain('李明')
    expect(ruleRows()[0]!.textContent).toContain('例外 1 天')
    await vi.waitFor(() => expect(sessionRows()).toHaveLength(2))
    expect(sessionRows()[0]!.textContent).toContain('2026-12-08 周二')
    expect(sessionRows()[0]!.textContent).toContain('09:00–12:00')
    expect(sessionRows()[1]!.textContent).toContain('已取消')
    const today = shanghaiDate()
    const query = sent.find((req) => req.path === '/api/v1/admin/duty-sessions')!.query
    expect(Object.fromEntries(query)).toEqual({ village: village.code, from: today, to: addDays(today, 56) })
  })

  it('cancels a kept session with a reason', async () => {
    let cancelled = false
    const sent = stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/duty-sessions': () =>
          json([
            cancelled
              ? session({ status: 'CANCELLED', bookedCount: 2, cancelReason: '顾问出庭，改期另行通知' })
              : session({ status: 'DETACHED', bookedCount: 2 }),
          ]),
        'POST /api/v1/admin/duty-sessions/rule-1-20261208/cancellation': () => {
          cancelled = true
          return json(session({ status: 'CANCELLED' }))
        },
      }),
    )
    await mountApp(`/duty?village=${village.code}`, signedIn)
    await vi.waitFor(() => expect(sessionRows()).toHaveLength(1))
    expect(sessionRows()[0]!.textContent).toContain('已保留（规则已变更）')

    buttonNamed('取消', sessionRows()[0]!).click()
    await found('.el-message-box')
    expect(openDialog().textContent).toContain('已有 2 人预约')
    typeInto(openDialog().querySelector('input')!, '顾问出庭，改期另行通知')
    buttonNamed('取消场次', openDialog()).click()

    await vi.waitFor(() => expect(sessionRows()[0]!.textContent).toContain('顾问出庭，改期另行通知'))
    expect(sessionRows()[0]!.textContent).toContain('已取消')
    expect(sessionRows()[0]!.querySelector('button')).toBeNull()
    expect(JSON.parse(sent.find((req) => req.path.endsWith('/cancellation'))!.body)).toEqual({ reason: '顾问出庭，改期另行通知' })
  })

  it('saves an edited rule and lists the sessions kept because they have bookings', async () => {
    const sent = stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/duty-sessions': () => json([]),
        'PUT /api/v1/admin/duty-rules/rule-1': () =>
          json({ rule: monthlyRule, sessions: 10, keptWithBookings: [session({ date: '2026-12-01', id: 'rule-1-20261201', bookedCount: 2 })] }),
      }),
    )
    await mountApp(`/duty?village=${village.code}`, signedIn)
    await vi.waitFor(() => expect(ruleRows()).toHaveLength(1))

    buttonNamed('编辑', ruleRows()[0]!).click()
    const place = await found<HTMLInputElement>('.el-dialog input[name="place"]')
    expect(place.value).toBe('柳林村村委会')
    buttonNamed('保存', openDialog()).click()

    const kept = await found('[data-test="kept-with-bookings"]')
    await vi.waitFor(() => expect(kept.querySelectorAll('.el-table__body tbody tr')).toHaveLength(1))
    expect(kept.textContent).toContain('2026-12-01 周二')
    expect(kept.textContent).toContain('已有村民预约')
    expect(pageText()).toContain('已保存，共 10 次驻点')
    expect(JSON.parse(sent.find((req) => req.method === 'PUT')!.body)).toEqual({
      advisorId: 'adv-1',
      kind: 'ON_SITE',
      villageCode: village.code,
      place: '柳林村村委会',
      mode: 'IN_PERSON',
      recurrence: { frequency: 'MONTHLY', daysOfWeek: [2], weekOfMonth: 1 },
      startTime: '09:00',
      endTime: '12:00',
      validFrom: '2026-01-01',
      validUntil: '2026-12-31',
      exceptions: [{ date: '2026-10-06', reason: '国庆假期' }],
      slotMinutes: null,
      placesPerSlot: null,
    })
    // Sessions are fetched again after the change.
    await vi.waitFor(() => expect(sent.filter((req) => req.path === '/api/v1/admin/duty-sessions')).toHaveLength(2))
  })

  it('does not warn when no booked session was kept', async () => {
    stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/duty-sessions': () => json([]),
        'PUT /api/v1/admin/duty-rules/rule-1': () => json({ rule: monthlyRule, sessions: 10, keptWithBookings: [] }),
      }),
    )
    await mountApp(`/duty?village=${village.code}`, signedIn)
    await vi.waitFor(() => expect(ruleRows()).toHaveLength(1))

    buttonNamed('编辑', ruleRows()[0]!).click()
    await found('.el-dialog input[name="place"]')
    buttonNamed('保存', openDialog()).click()

    await vi.waitFor(() => expect(pageText()).toContain('已保存，共 10 次驻点'))
    expect(document.querySelector('[data-test="kept-with-bookings"]')).toBeNull()
  })

  it('keeps the dialog open with the server’s reason when sessions overlap', async () => {
    stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/duty-sessions': () => json([]),
        'PUT /api/v1/admin/duty-rules/rule-1': () => problem(409, 'SESSION_OVERLAP', '2026-12-08 与李明在宫河村的驻点时间重叠'),
      }),
    )
    await mountApp(`/duty?village=${village.code}`, signedIn)
    await vi.waitFor(() => expect(ruleRows()).toHaveLength(1))

    buttonNamed('编辑', ruleRows()[0]!).click()
    await found('.el-dialog input[name="place"]')
    buttonNamed('保存', openDialog()).click()

    await vi.waitFor(() => expect(document.querySelector('[data-test="rule-failure"]')?.textContent).toContain('2026-12-08 与李明在宫河村的驻点时间重叠'))
    expect(openDialog().textContent).toContain('编辑驻点安排')
  })

  it('puts nested field errors of the recurrence next to the matching control', async () => {
    stubNetwork(
      routes({
        ...base,
        'GET /api/v1/admin/duty-sessions': () => json([]),
        'PUT /api/v1/admin/duty-rules/rule-1': () =>
          problem(400, 'VALIDATION_FAILED', '提交的内容有误', { errors: [{ field: 'recurrence.weekOfMonth', message: '第几周应为 1 到 5 或 -1' }] }),
      }),
    )
    await mountApp(`/duty?village=${village.code}`, signedIn)
    await vi.waitFor(() => expect(ruleRows()).toHaveLength(1))

    buttonNamed('编辑', ruleRows()[0]!).click()
    await found('.el-dialog input[name="place"]')
    buttonNamed('保存', openDialog()).click()

    await vi.waitFor(() => {
      const item = [...openDialog().querySelectorAll('.el-form-item')].find((candidate) => candidate.textContent?.startsWith('第几周'))!
      expect(item.querySelector('.el-form-item__error')?.textContent).toBe('第几周应为 1 到 5 或 -1')
    })
  })

  it('checks a new rule before calling the server', async () => {
    const sent = stubNetwork(routes({ ...base, 'GET /api/v1/admin/duty-sessions': () => json([]) }))
    await mountApp(`/duty?village=${village.code}`, signedIn)

    buttonNamed('新增驻点安排').click()
    await found('.el-dialog input[name="place"]')
    buttonNamed('保存', openDialog()).click()

    await vi.waitFor(() => {
      expect(openDialog().textContent).toContain('请选择法律顾问')
      expect(openDialog().textContent).toContain('请填写地点')
    })
    expect(sent.some((req) => req.method === 'POST')).toBe(false)
  })
})
