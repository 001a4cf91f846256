import { Odometer } from '@element-plus/icons-vue'
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'

// Open to every signed-in user: where the console starts, and where a page the user may not open sends them.
const routes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'dashboard',
    component: () => import('@/views/dashboard/DashboardView.vue'),
    meta: { title: '工作台', icon: markRaw(Odometer), order: 0 },
  },
]

export default routes
