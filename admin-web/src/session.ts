import type { Router } from 'vue-router'
import { bindSession } from '@/api/http'
import { REFRESH_TOKEN_KEY, useAuthStore } from '@/stores/auth'

/**
 * Connects the HTTP client to the auth store and the router. Call after `app.use(pinia)`.
 * Returns a function that disconnects them again.
 */
export function installSession(router: Router): () => void {
  const auth = useAuthStore()
  const toLogin = () => {
    const current = router.currentRoute.value
    if (current.name !== 'login') {
      void router.replace({ name: 'login', query: { redirect: current.fullPath } })
    }
  }
  bindSession({
    accessToken: () => auth.accessToken,
    renew: () => auth.refresh(),
    expire: () => {
      auth.clear()
      ElMessage.warning('登录已过期，请重新登录')
      toLogin()
    },
  })
  // Signing out in one tab signs out the others.
  const onStorage = (event: StorageEvent) => {
    if (event.key === REFRESH_TOKEN_KEY && event.newValue === null && auth.isAuthenticated) {
      auth.clear()
      toLogin()
    }
  }
  window.addEventListener('storage', onStorage)
  return () => {
    window.removeEventListener('storage', onStorage)
    bindSession(null)
  }
}
