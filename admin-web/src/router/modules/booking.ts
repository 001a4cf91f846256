import { AlarmClock, Location, Tickets } from '@element-plus/icons-vue'
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { ADMIN_ONLY, ADVISORS_AND_ADMINS } from '@/router/access'

// Consultation bookings and home visits. 我的预约 is the advisor's day or week (admins pick the advisor,
// `?advisor=`; the view and day are kept in `?view=day|week&date=yyyy-MM-dd`); 预约管理 is the admins' list with
// export and no-show rates (`?tab=list|no-shows`); 上门服务 serves both.
const routes: RouteRecordRaw[] = [
  {
    path: 'bookings/schedule',
    name: 'booking-schedule',
    component: () => import('@/views/bookings/ScheduleView.vue'),
    meta: { title: '我的预约', icon: markRaw(AlarmClock), order: 5, roles: ADVISORS_AND_ADMINS },
  },
  {
    path: 'bookings',
    name: 'bookings',
    component: () => import('@/views/bookings/BookingsView.vue'),
    meta: { title: '预约管理', icon: markRaw(Tickets), order: 75, roles: ADMIN_ONLY },
  },
  {
    path: 'home-visits',
    name: 'home-visits',
    component: () => import('@/views/homeVisits/HomeVisitsView.vue'),
    meta: { title: '上门服务', icon: markRaw(Location), order: 76, roles: ADVISORS_AND_ADMINS },
  },
]

export default routes
