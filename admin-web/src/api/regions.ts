import { request } from './http'

export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE'

export interface Region {
  code: string
  name: string
  level: RegionLevel
  parentCode: string | null
  hasChildren: boolean
}

/** Children of `parent`, or the top-level regions the user may see when no parent is given. */
export function listRegions(parent?: string): Promise<Region[]> {
  return request<Region[]>('/api/v1/regions', { query: { parent } })
}

/** Creates a region; its parent is implied by the code and must exist. */
export function createRegion(code: string, name: string): Promise<Region> {
  return request<Region>('/api/v1/admin/regions', { method: 'POST', json: { code, name } })
}

export function renameRegion(code: string, name: string): Promise<Region> {
  return request<Region>(`/api/v1/admin/regions/${encodeURIComponent(code)}`, { method: 'PUT', json: { name } })
}

export interface ImportResult {
  created: number
  renamed: number
  unchanged: number
}

/**
 * Imports `code,name` rows (UTF-8, with that header). All rows are checked first: one bad row rejects the
 * whole file with 400 `IMPORT_REJECTED`, whose `errors[]` name the row (`第 3 行`) in `field`.
 */
export function importRegions(csv: string): Promise<ImportResult> {
  return request<ImportResult>('/api/v1/admin/regions/import', {
    method: 'POST',
    raw: { body: csv, contentType: 'text/csv; charset=utf-8' },
  })
}

/** The township and county codes that contain a village code (12-digit statistical codes). */
export function townshipOf(code: string): string {
  return `${code.slice(0, 9)}000`
}

export function countyOf(code: string): string {
  return `${code.slice(0, 6)}000000`
}

/** The code of the region directly above `code`, or undefined for a province. */
export function parentCodeOf(code: string): string | undefined {
  if (code.slice(9) !== '000') return `${code.slice(0, 9)}000`
  if (code.slice(6, 9) !== '000') return `${code.slice(0, 6)}000000`
  if (code.slice(4, 6) !== '00') return `${code.slice(0, 4)}00000000`
  if (code.slice(2, 4) !== '00') return `${code.slice(0, 2)}0000000000`
  return undefined
}

/** The name of a region, looked up among its parent's children; undefined when it cannot be found. */
export async function regionNameOf(code: string): Promise<string | undefined> {
  const siblings = await listRegions(parentCodeOf(code))
  return siblings.find((region) => region.code === code)?.name
}
