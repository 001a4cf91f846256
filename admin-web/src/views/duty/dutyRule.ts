import type { DutyException, DutyKind, DutyMode, DutyRuleBody, DutyRuleView, Frequency } from '@/api/duty'
import { townshipOf } from '@/api/regions'
import { dutyModeLabel, weekdayLabel, weekOfMonthLabel } from '@/utils/labels'

/** What the rule dialog edits: the rule body flattened for form controls. */
export interface DutyRuleForm {
  advisorId: string
  kind: DutyKind
  /** DESK only: the township or county station. */
  stationCode: string
  place: string
  mode: DutyMode
  frequency: Frequency
  /** Not edited here; carried over so that editing a rule does not change it. */
  intervalWeeks: number | null
  daysOfWeek: number[]
  weekOfMonth: number
  date: string
  startTime: string
  endTime: string
  validFrom: string
  validUntil: string
  exceptions: DutyException[]
  /** Booking: minutes per slot and people per slot; null keeps the server's defaults. */
  slotMinutes: number | null
  placesPerSlot: number | null
}

/** A new on-site rule for `village`: monthly consultation day (一月一次驻村问诊), valid to the end of the year. */
export function newRuleForm(village: string, today: string): DutyRuleForm {
  return {
    advisorId: '',
    kind: 'ON_SITE',
    stationCode: townshipOf(village),
    place: '',
    mode: 'IN_PERSON',
    frequency: 'MONTHLY',
    intervalWeeks: null,
    daysOfWeek: [2],
    weekOfMonth: 1,
    date: today,
    startTime: '09:00',
    endTime: '12:00',
    validFrom: today,
    validUntil: `${today.slice(0, 4)}-12-31`,
    exceptions: [],
    slotMinutes: null,
    placesPerSlot: null,
  }
}

export function formFromRule(rule: DutyRuleView, village: string): DutyRuleForm {
  const recurrence = rule.recurrence
  return {
    advisorId: rule.advisorId,
    kind: rule.kind,
    stationCode: rule.stationCode ?? townshipOf(village),
    place: rule.place,
    mode: rule.mode,
    frequency: recurrence.frequency,
    intervalWeeks: recurrence.intervalWeeks ?? null,
    daysOfWeek: [...(recurrence.daysOfWeek ?? [])],
    weekOfMonth: recurrence.weekOfMonth ?? 1,
    date: recurrence.date ?? rule.validFrom,
    startTime: rule.startTime,
    endTime: rule.endTime,
    validFrom: rule.validFrom,
    validUntil: rule.validUntil,
    exceptions: (rule.exceptions ?? []).map((exception) => ({ date: exception.date, reason: exception.reason ?? '' })),
    slotMinutes: rule.slotMinutes ?? null,
    placesPerSlot: rule.placesPerSlot ?? null,
  }
}

/** The request body: only the fields that belong to the chosen kind and frequency. */
export function bodyFromForm(form: DutyRuleForm, village: string): DutyRuleBody {
  const days = [...form.daysOfWeek].sort((a, b) => a - b)
  const recurrence =
    form.frequency === 'WEEKLY'
      ? { frequency: form.frequency, daysOfWeek: days, ...(form.intervalWeeks ? { intervalWeeks: form.intervalWeeks } : {}) }
      : form.frequency === 'MONTHLY'
        ? { frequency: form.frequency, daysOfWeek: days, weekOfMonth: form.weekOfMonth }
        : { frequency: form.frequency, date: form.date }
  return {
    advisorId: form.advisorId,
    kind: form.kind,
    ...(form.kind === 'ON_SITE' ? { villageCode: village } : { stationCode: form.stationCode }),
    place: form.place.trim(),
    mode: form.mode,
    recurrence,
    startTime: form.startTime,
    endTime: form.endTime,
    // A single session is valid on its own day.
    validFrom: form.frequency === 'ONCE' ? form.date : form.validFrom,
    validUntil: form.frequency === 'ONCE' ? form.date : form.validUntil,
    exceptions: form.exceptions
      .filter((exception) => exception.date)
      .map((exception) => ({ date: exception.date, reason: exception.reason.trim() })),
    slotMinutes: form.slotMinutes || null,
    placesPerSlot: form.placesPerSlot || null,
  }
}

/** Problems the form can see before asking the server; field → message. */
export function checkForm(form: DutyRuleForm): Record<string, string> {
  const problems: Record<string, string> = {}
  if (!form.advisorId) problems.advisorId = '请选择法律顾问'
  if (!form.place.trim()) problems.place = '请填写地点'
  if (form.kind === 'DESK' && !/^\d{12}$/.test(form.stationCode)) problems.stationCode = '请选择坐班的乡镇或县'
  if (form.frequency !== 'ONCE' && form.daysOfWeek.length === 0) problems.daysOfWeek = '请至少选择一天'
  if (form.frequency === 'ONCE' && !form.date) problems.date = '请选择日期'
  if (!form.startTime || !form.endTime) problems.startTime = '请选择时间'
  else if (form.endTime <= form.startTime) problems.startTime = '结束时间须晚于开始时间'
  if (form.frequency !== 'ONCE') {
    if (!form.validFrom || !form.validUntil) problems.validFrom = '请选择有效期'
    else if (form.validUntil < form.validFrom) problems.validFrom = '有效期结束日期须不早于开始日期'
  }
  return problems
}

/** 每月第一周 周二 09:00–12:00 · 现场 */
export function describeRule(rule: Pick<DutyRuleBody, 'recurrence' | 'startTime' | 'endTime' | 'mode'>): string {
  const { recurrence } = rule
  const days = (recurrence.daysOfWeek ?? []).map(weekdayLabel).join('、')
  const every = recurrence.intervalWeeks && recurrence.intervalWeeks > 1 ? `每 ${recurrence.intervalWeeks} 周` : '每周'
  const when =
    recurrence.frequency === 'WEEKLY'
      ? `${every} ${days}`
      : recurrence.frequency === 'MONTHLY'
        ? `每月${weekOfMonthLabel(recurrence.weekOfMonth ?? 1)} ${days}`
        : `${recurrence.date ?? ''}（单次）`
  return `${when} ${rule.startTime}–${rule.endTime} · ${dutyModeLabel(rule.mode)}`
}
