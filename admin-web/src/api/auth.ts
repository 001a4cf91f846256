import { request } from './http'

export interface TokenResponse {
  access_token: string
  token_type: string
  expires_in: number
  refresh_token: string
}

export function login(username: string, password: string): Promise<TokenResponse> {
  return request<TokenResponse>('/api/v1/auth/login', {
    method: 'POST',
    json: { username, password },
    auth: false,
  })
}

export function refreshTokens(refreshToken: string): Promise<TokenResponse> {
  return request<TokenResponse>('/oauth2/token', {
    method: 'POST',
    form: { grant_type: 'refresh_token', refresh_token: refreshToken },
    auth: false,
  })
}

/** Revokes the refresh token (and its rotation family) on the server. */
export function logout(refreshToken: string): Promise<void> {
  return request<void>('/api/v1/auth/logout', { method: 'POST', json: { refresh_token: refreshToken } })
}
