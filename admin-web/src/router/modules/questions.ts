import { ChatDotRound, ChatLineSquare, Collection, Finished } from '@element-plus/icons-vue'
import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { ADMIN_ONLY, ADVISORS_AND_ADMINS, ADVISORS_ONLY } from '@/router/access'

// Questions (docs/questions.md). 问题队列 and 我的解答 are the advisors' (an admin without the advisor role holds no
// questions); a question's page serves both, its buttons coming from the api's `actions`; 问答管理 is the admins' list
// with review and time-limit statistics (`?tab=list|sla`); 常用回复 serves both.
const routes: RouteRecordRaw[] = [
  {
    path: 'questions/queue',
    name: 'question-queue',
    component: () => import('@/views/questions/QueueView.vue'),
    meta: { title: '问题队列', icon: markRaw(ChatDotRound), order: 2, roles: ADVISORS_ONLY },
  },
  {
    path: 'questions/mine',
    name: 'my-questions',
    component: () => import('@/views/questions/MyQuestionsView.vue'),
    meta: { title: '我的解答', icon: markRaw(Finished), order: 3, roles: ADVISORS_ONLY },
  },
  {
    path: 'questions/:id',
    name: 'question',
    component: () => import('@/views/questions/QuestionDetailView.vue'),
    meta: { title: '问题详情', roles: ADVISORS_AND_ADMINS },
  },
  {
    path: 'questions',
    name: 'questions',
    component: () => import('@/views/questions/QuestionsAdminView.vue'),
    meta: { title: '问答管理', icon: markRaw(ChatLineSquare), order: 77, roles: ADMIN_ONLY },
  },
  {
    path: 'canned-answers',
    name: 'canned-answers',
    component: () => import('@/views/cannedAnswers/CannedAnswersView.vue'),
    meta: { title: '常用回复', icon: markRaw(Collection), order: 78, roles: ADVISORS_AND_ADMINS },
  },
]

export default routes
