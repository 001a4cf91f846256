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
