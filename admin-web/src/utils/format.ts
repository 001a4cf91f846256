// Dates and times are shown in Asia/Shanghai whatever the browser's zone.
const ZONE = 'Asia/Shanghai'

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})

const isoDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
const hourMinuteFormat = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hour12: false })

/** An ISO instant as 2026/12/08 09:00 in Asia/Shanghai; empty for null. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : ''
}

/** HH:mm of an ISO instant in Asia/Shanghai. */
export function formatTime(iso: string): string {
  return hourMinuteFormat.format(new Date(iso))
}

/** yyyy-MM-dd of an instant (default now) in Asia/Shanghai. */
export function shanghaiDate(at: Date = new Date()): string {
  return isoDateFormat.format(at)
}

/** The instant a yyyy-MM-dd day begins in Asia/Shanghai (UTC+8 all year), as an ISO string in UTC. */
export function shanghaiDayStart(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString()
}

/** yyyy-MM-dd plus `days`. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number)
  const shifted = new Date(Date.UTC(year!, month! - 1, day! + days))
  return shifted.toISOString().slice(0, 10)
}

/** 周一 … 周日 for a yyyy-MM-dd date. */
export function weekdayOf(date: string): string {
  const [year, month, day] = date.split('-').map(Number)
  const weekday = new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay()
  return ['周日', '周一', '周二', '周三', '周四', '周五', '周六'][weekday]!
}

/** Saves a downloaded blob under `fileName` through a temporary link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** A share of 0..1 as a percentage with at most one decimal (12.5%); "—" when there is none (nothing to divide). */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  return `${Number((rate * 100).toFixed(1))}%`
}
