import { describe, expect, it } from 'vitest'
import { monthlyRule, village } from '@/test/directory'
import { bodyFromForm, checkForm, describeRule, formFromRule, newRuleForm } from './dutyRule'

describe('duty rule form', () => {
  it('sends a monthly on-site rule for the village with its week of month and exceptions', () => {
    const form = formFromRule(monthlyRule, village.code)
    form.exceptions.push({ date: '', reason: '未填日期的行被忽略' })

    expect(bodyFromForm(form, village.code)).toEqual({
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
  })

  it('keeps an edited rule’s slot length and places, and sends none for a new rule', () => {
    const edited = formFromRule({ ...monthlyRule, slotMinutes: 20, placesPerSlot: 3 }, village.code)

    expect(bodyFromForm(edited, village.code)).toMatchObject({ slotMinutes: 20, placesPerSlot: 3 })
    expect(bodyFromForm(newRuleForm(village.code, '2026-11-23'), village.code)).toMatchObject({
      slotMinutes: null,
      placesPerSlot: null,
    })
  })

  it('sends weekly days sorted, without a week of month', () => {
    const form = { ...newRuleForm(village.code, '2026-11-23'), advisorId: 'adv-1', place: '村委会', frequency: 'WEEKLY' as const, daysOfWeek: [5, 1, 3] }

    expect(bodyFromForm(form, village.code).recurrence).toEqual({ frequency: 'WEEKLY', daysOfWeek: [1, 3, 5] })
  })

  it('keeps the api’s week interval of an edited rule', () => {
    const rule = { ...monthlyRule, recurrence: { frequency: 'WEEKLY' as const, daysOfWeek: [2], intervalWeeks: 2 } }

    expect(bodyFromForm(formFromRule(rule, village.code), village.code).recurrence).toEqual({
      frequency: 'WEEKLY',
      daysOfWeek: [2],
      intervalWeeks: 2,
    })
    expect(describeRule(rule)).toBe('每 2 周 周二 09:00–12:00 · 现场')
  })

  it('sends a single session on its date, valid on that day only', () => {
    const form = { ...newRuleForm(village.code, '2026-11-23'), frequency: 'ONCE' as const, date: '2026-12-15' }

    const body = bodyFromForm(form, village.code)

    expect(body.recurrence).toEqual({ frequency: 'ONCE', date: '2026-12-15' })
    expect([body.validFrom, body.validUntil]).toEqual(['2026-12-15', '2026-12-15'])
  })

  it('sends desk duty with the station instead of the village, defaulting to the township', () => {
    const form = { ...newRuleForm(village.code, '2026-11-23'), kind: 'DESK' as const }

    const body = bodyFromForm(form, village.code)

    expect(body.stationCode).toBe('621025100000')
    expect(body).not.toHaveProperty('villageCode')
  })

  it('catches what it can before calling the server', () => {
    const form = { ...newRuleForm(village.code, '2026-11-23'), daysOfWeek: [], startTime: '12:00', endTime: '09:00', validUntil: '2026-01-01' }

    expect(checkForm(form)).toEqual({
      advisorId: '请选择法律顾问',
      place: '请填写地点',
      daysOfWeek: '请至少选择一天',
      startTime: '结束时间须晚于开始时间',
      validFrom: '有效期结束日期须不早于开始日期',
    })
    expect(checkForm(formFromRule(monthlyRule, village.code))).toEqual({})
  })

  it('describes a rule in Chinese', () => {
    expect(describeRule(monthlyRule)).toBe('每月第一周 周二 09:00–12:00 · 现场')
    expect(describeRule({ ...monthlyRule, recurrence: { frequency: 'MONTHLY', daysOfWeek: [5], weekOfMonth: -1 }, mode: 'VIDEO' })).toBe(
      '每月最后一周 周五 09:00–12:00 · 视频',
    )
    expect(describeRule({ ...monthlyRule, recurrence: { frequency: 'WEEKLY', daysOfWeek: [1, 3] } })).toBe('每周 周一、周三 09:00–12:00 · 现场')
  })
})
