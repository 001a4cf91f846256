import { Calendar, Document, House, Notebook, PieChart, User, UserFilled } from '@element-plus/icons-vue'
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { ADMIN_ONLY } from '@/router/access'

// The village directory: villages, advisors, agreements, 1+N teams, duty times, the notice board and coverage.
// Admins only. Per-village pages take the village from `?village=<12-digit code>`.
const routes: RouteRecordRaw[] = [
  {
    path: 'villages',
    name: 'villages',
    component: () => import('@/views/villages/VillagesView.vue'),
    meta: { title: '村（社区）管理', icon: markRaw(House), order: 10, roles: ADMIN_ONLY },
  },
  {
    path: 'advisors',
    name: 'advisors',
    component: () => import('@/views/advisors/AdvisorsView.vue'),
    meta: { title: '法律顾问', icon: markRaw(User), order: 20, roles: ADMIN_ONLY },
  },
  {
    path: 'agreements',
    name: 'agreements',
    component: () => import('@/views/agreements/AgreementsView.vue'),
    meta: { title: '服务协议', icon: markRaw(Document), order: 30, roles: ADMIN_ONLY },
  },
  {
    path: 'team',
    name: 'team',
    component: () => import('@/views/team/TeamView.vue'),
    meta: { title: '1+N 团队', icon: markRaw(UserFilled), order: 40, roles: ADMIN_ONLY },
  },
  {
    path: 'duty',
    name: 'duty',
    component: () => import('@/views/duty/DutyView.vue'),
    meta: { title: '驻点安排', icon: markRaw(Calendar), order: 50, roles: ADMIN_ONLY },
  },
  {
    path: 'board',
    name: 'board',
    component: () => import('@/views/board/VillageBoardView.vue'),
    meta: { title: '村务公示', icon: markRaw(Notebook), order: 60, roles: ADMIN_ONLY },
  },
  {
    path: 'coverage',
    name: 'coverage',
    component: () => import('@/views/coverage/CoverageView.vue'),
    meta: { title: '覆盖情况', icon: markRaw(PieChart), order: 70, roles: ADMIN_ONLY },
  },
]

export default routes
