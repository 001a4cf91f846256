import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as authApi from '@/api/auth'
import type { TokenResponse } from '@/api/auth'
import { getMe, type Me } from '@/api/me'

/** localStorage key of the refresh token; the access token stays in memory only (see ADR 0005). */
export const REFRESH_TOKEN_KEY = 'village-counsel.admin.refresh-token'

/**
 * Tabs share one refresh token, and reusing a rotated one revokes the whole family,
 * so renewals are serialised across tabs where the browser offers Web Locks.
 */
async function withRefreshLock(renew: () => Promise<void>): Promise<void> {
  const locks = globalThis.navigator?.locks
  await (locks ? locks.request('village-counsel.admin.token-refresh', renew) : renew())
}

export const useAuthStore = defineStore('auth', () => {
  const accessToken = ref<string | null>(null)
  const refreshToken = ref<string | null>(localStorage.getItem(REFRESH_TOKEN_KEY))
  const user = ref<Me | null>(null)

  const isAuthenticated = computed(() => accessToken.value !== null || refreshToken.value !== null)

  function accept(tokens: TokenResponse): void {
    accessToken.value = tokens.access_token
    refreshToken.value = tokens.refresh_token
    localStorage.setItem(REFRESH_TOKEN_KEY, tokens.refresh_token)
  }

  async function login(username: string, password: string): Promise<void> {
    accept(await authApi.login(username, password))
    user.value = null
  }

  async function refresh(): Promise<void> {
    await withRefreshLock(async () => {
      // Another tab may have rotated the token while this one waited for the lock.
      const current = localStorage.getItem(REFRESH_TOKEN_KEY)
      if (!current) {
        throw new Error('no refresh token')
      }
      accept(await authApi.refreshTokens(current))
    })
  }

  async function loadUser(): Promise<Me> {
    user.value = await getMe()
    return user.value
  }

  async function logout(): Promise<void> {
    const token = refreshToken.value
    try {
      if (token) {
        await authApi.logout(token)
      }
    } finally {
      // Signing out locally must happen even when the server cannot be told.
      clear()
    }
  }

  function clear(): void {
    accessToken.value = null
    refreshToken.value = null
    user.value = null
    localStorage.removeItem(REFRESH_TOKEN_KEY)
  }

  return { accessToken, refreshToken, user, isAuthenticated, login, refresh, loadUser, logout, clear }
})
