import { Bell } from '@element-plus/icons-vue'
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { ADMIN_ONLY } from '@/router/access'

// Notification deliveries (the outbox as admins see it) and the WeCom group robots they go out through.
// Admins only. The tab is kept in `?tab=deliveries|robots`.
const routes: RouteRecordRaw[] = [
  {
    path: 'notifications',
    name: 'notifications',
    component: () => import('@/views/notifications/NotificationsView.vue'),
    meta: { title: '消息通知', icon: markRaw(Bell), order: 80, roles: ADMIN_ONLY },
  },
]

export default routes
