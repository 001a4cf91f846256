import type { RouteMeta } from 'vue-router'
import type { Me, Role } from '@/api/me'

/** Pages of the judicial office's staff. */
export const ADMIN_ONLY: Role[] = ['ADMIN']

/** Pages only advisors work in (an admin who is also an advisor has the role). */
export const ADVISORS_ONLY: Role[] = ['ADVISOR']

/** Pages for advisors, which admins see as well. */
export const ADVISORS_AND_ADMINS: Role[] = ['ADVISOR', 'ADMIN']

/**
 * Whether `user` may open a page with `meta`. An unknown user (`/api/v1/me` failed for a reason other than
 * an expired session) may: the pages then show what the server lets them, as before roles existed.
 */
export function mayOpen(meta: Pick<RouteMeta, 'roles'> | undefined, user: Me | null): boolean {
  const roles = meta?.roles
  if (!roles || !user) return true
  return roles.some((role) => user.roles.includes(role))
}

export function isAdmin(user: Me | null): boolean {
  return user?.roles.includes('ADMIN') ?? false
}
