import { request, requestBlob, type Download } from './http'

export interface CoverageTotals {
  villages: number
  withoutAdvisor: number
  withoutFiledAgreement: number
  fewNavigators: number
  noSessionThisMonth: number
  /** Villages without any problem (answered by the api, not in docs/directory.md). */
  complete?: number
}

export interface CoverageVillage {
  code: string
  name: string
  townshipName: string
  advisors: string[]
  filedAgreement: boolean
  navigators: number
  sessionsThisMonth: number
  /** Problem codes; empty when the village is fully covered. */
  problems: string[]
}

export interface TownshipCoverage {
  code: string
  name: string
  totals: CoverageTotals
}

export interface Coverage {
  /** As docs/directory.md names it. */
  region?: string | { code: string; name: string }
  /** As the api in main answers (see the report of the admin-web branch). */
  regionCode?: string
  regionName?: string
  month?: string
  minNavigators?: number
  totals: CoverageTotals
  townships: TownshipCoverage[]
  villages: CoverageVillage[]
}

export function getCoverage(region?: string): Promise<Coverage> {
  return request<Coverage>('/api/v1/admin/coverage', { query: { region } })
}

/** The village rows as CSV (UTF-8 with BOM); needs the bearer token, so it is fetched rather than linked. */
export function downloadCoverageCsv(region?: string): Promise<Download> {
  return requestBlob('/api/v1/admin/coverage.csv', { query: { region }, accept: 'text/csv, application/problem+json' })
}
