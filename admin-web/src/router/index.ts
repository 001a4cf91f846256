import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router'
import AppLayout from '@/layouts/AppLayout.vue'
import { SessionExpiredError } from '@/api/http'
import { useAuthStore } from '@/stores/auth'
import { showError } from '@/utils/errors'
import { mayOpen } from './access'

// Each feature area adds a file under ./modules exporting its routes as the default export.
const modules = import.meta.glob<{ default: RouteRecordRaw[] }>('./modules/*.ts', { eager: true })

export const featureRoutes: RouteRecordRaw[] = Object.values(modules)
  .flatMap((module) => module.default)
  .sort((a, b) => (a.meta?.order ?? 0) - (b.meta?.order ?? 0))

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/LoginView.vue'),
    meta: { title: '登录', public: true },
  },
  { path: '/', component: AppLayout, children: featureRoutes },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)) {
  const router = createRouter({ history, routes })

  router.beforeEach(async (to) => {
    if (to.meta.public) {
      return true
    }
    const auth = useAuthStore()
    if (!auth.isAuthenticated) {
      return { name: 'login', query: { redirect: to.fullPath } }
    }
    if (!auth.user) {
      try {
        await auth.loadUser()
      } catch (error) {
        if (error instanceof SessionExpiredError) {
          return { name: 'login', query: { redirect: to.fullPath } }
        }
        // Pages show what they can without the user; the message says why the rest is missing.
        showError(error)
      }
    }
    if (!mayOpen(to.meta, auth.user)) {
      // E.g. an advisor following an admin's link: the dashboard is open to everyone.
      ElMessage.warning('您没有权限访问该页面')
      return { name: 'dashboard' }
    }
    return true
  })

  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} - 村居法律顾问管理后台` : '村居法律顾问管理后台'
  })

  return router
}
