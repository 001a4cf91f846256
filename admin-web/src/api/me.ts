import { request } from './http'
import type { RegionLevel } from './regions'

export type Role = 'ADMIN' | 'ADVISOR' | 'RESIDENT' | 'NAVIGATOR' | 'PARTNER'

export interface RegionRef {
  code: string
  name: string
  level: RegionLevel
}

export interface Me {
  id: string
  displayName: string
  username: string | null
  roles: Role[]
  regions: RegionRef[]
  village: { code: string; name: string } | null
}

export function getMe(): Promise<Me> {
  return request<Me>('/api/v1/me')
}
