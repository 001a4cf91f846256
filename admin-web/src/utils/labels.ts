import type { Role } from '@/api/me'
import type { RegionLevel } from '@/api/regions'

const ROLE_LABELS: Record<Role, string> = {
  ADMIN: '管理员',
  ADVISOR: '法律顾问',
  RESIDENT: '村民',
  NAVIGATOR: '法律明白人',
  PARTNER: '合作系统',
}

const LEVEL_LABELS: Record<RegionLevel, string> = {
  PROVINCE: '省',
  CITY: '市',
  COUNTY: '县',
  TOWNSHIP: '乡镇',
  VILLAGE: '村',
}

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role
}

export function levelLabel(level: string): string {
  return LEVEL_LABELS[level as RegionLevel] ?? level
}
