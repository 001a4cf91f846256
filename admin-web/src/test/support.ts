import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { vi } from 'vitest'
import { createMemoryHistory, type Router } from 'vue-router'
import App from '@/App.vue'
import type { Me } from '@/api/me'
import { createAppRouter } from '@/router'
import { installSession } from '@/session'
import { REFRESH_TOKEN_KEY, useAuthStore } from '@/stores/auth'

/** One request the app sent, as the server would see it. */
export interface SentRequest {
  method: string
  path: string
  query: URLSearchParams
  authorization: string | null
  contentType: string | null
  accept: string | null
  /** The body when it was text (JSON, form, CSV). */
  body: string
  /** The body when it was multipart. */
  formData: FormData | null
}

export type Answer = (request: SentRequest) => Response | Promise<Response>

/** Replaces `fetch` (the api runs in another process); records every request the app sends. */
export function stubNetwork(answer: Answer): SentRequest[] {
  const sent: SentRequest[] = []
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://localhost')
    const headers = new Headers(init.headers)
    const request: SentRequest = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      authorization: headers.get('Authorization'),
      contentType: headers.get('Content-Type'),
      accept: headers.get('Accept'),
      body: typeof init.body === 'string' ? init.body : '',
      formData: init.body instanceof FormData ? init.body : null,
    }
    sent.push(request)
    return answer(request)
  })
  return sent
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  const body = {
    type: `https://villagecounsel.cn/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: '请求失败',
    status,
    detail,
    code,
    traceId: 'trace-1',
    ...extra,
  }
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  })
}

/** A 204 answer, as for actions that return nothing. */
export function noContent(): Response {
  return new Response(null, { status: 204 })
}

/** Answers each `METHOD /path` from a table; anything else fails the test loudly with 404. */
export function routes(table: Record<string, (request: SentRequest) => Response | Promise<Response>>): Answer {
  return (request) => {
    const handler = table[`${request.method} ${request.path}`]
    return handler ? handler(request) : problem(404, 'NOT_FOUND', `测试未准备：${request.method} ${request.path}`)
  }
}

export function tokens(access: string, refresh: string): Response {
  return json({ access_token: access, token_type: 'Bearer', expires_in: 900, refresh_token: refresh })
}

export const countyAdmin: Me = {
  id: 'u-1',
  displayName: '张建国',
  username: 'zn-admin',
  roles: ['ADMIN', 'ADVISOR'],
  regions: [{ code: '621025000000', name: '正宁县', level: 'COUNTY' }],
  village: null,
}

/** An advisor signing in to the console: no admin role, no region. */
export const advisorUser: Me = {
  id: 'u-advisor-li',
  displayName: '李文博',
  username: 'advisor-li',
  roles: ['ADVISOR'],
  regions: [],
  village: null,
}

/** A county admin who is not an advisor. */
export const adminUser: Me = {
  id: 'u-admin',
  displayName: '正宁县司法局管理员',
  username: 'zn-admin',
  roles: ['ADMIN'],
  regions: [{ code: '621025000000', name: '正宁县', level: 'COUNTY' }],
  village: null,
}

export interface Session {
  accessToken: string
  refreshToken: string
}

const cleanups: (() => void)[] = []

/** Creates the store, router and session wiring the way main.ts does, without mounting. */
export function startApp(session?: Session): { pinia: Pinia; router: Router; auth: ReturnType<typeof useAuthStore> } {
  if (session) {
    localStorage.setItem(REFRESH_TOKEN_KEY, session.refreshToken)
  }
  const pinia = createPinia()
  setActivePinia(pinia)
  const auth = useAuthStore()
  if (session) {
    auth.accessToken = session.accessToken
  }
  const router = createAppRouter(createMemoryHistory())
  cleanups.push(installSession(router))
  return { pinia, router, auth }
}

/** Mounts the whole console at `path`, as a user opening that address. */
export async function mountApp(path: string, session?: Session) {
  const app = startApp(session)
  await app.router.push(path)
  const wrapper: VueWrapper = mount(App, { global: { plugins: [app.pinia, app.router] }, attachTo: document.body })
  cleanups.push(() => wrapper.unmount())
  await flushPromises()
  return { ...app, wrapper }
}

export function cleanUp(): void {
  cleanups.splice(0).forEach((cleanup) => cleanup())
  ElMessage.closeAll()
  document.body.innerHTML = ''
  localStorage.clear()
}

/** Text of the whole page, including messages Element Plus renders outside the app. */
export function pageText(): string {
  return document.body.textContent ?? ''
}

/** Waits until `selector` matches an element anywhere on the page (dialogs render outside the app). */
export async function found<T extends Element = HTMLElement>(selector: string): Promise<T> {
  return vi.waitFor(() => {
    const element = document.querySelector<T>(selector)
    if (!element) throw new Error(`nothing matches ${selector}`)
    return element
  })
}

/** A button by its visible text, inside `scope` (default: the whole page). */
export function buttonNamed(text: string, scope: ParentNode = document): HTMLButtonElement {
  const button = [...scope.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => candidate.textContent?.trim() === text)
  if (!button) throw new Error(`no button ${text}`)
  return button
}

/** Types into a native input or textarea the way a user does (Vue listens to `input`). */
export function typeInto(element: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  element.value = value
  element.dispatchEvent(new Event('input'))
}

/** The dialog that is open (Element Plus keeps closed ones in the DOM, hidden). */
export function openDialog(): HTMLElement {
  const dialogs = [...document.querySelectorAll<HTMLElement>('.el-overlay')].filter((overlay) => overlay.style.display !== 'none')
  const dialog = dialogs.at(-1)?.querySelector<HTMLElement>('.el-dialog, .el-message-box')
  if (!dialog) throw new Error('no open dialog')
  return dialog
}

/**
 * Chooses an option of the Element Plus select (or time select) marked `data-test="…"`. Options render outside the
 * app, and those of every select opened before stay in the page, hidden: only the open dropdown counts.
 */
export async function chooseOption(selectTest: string, optionText: string): Promise<void> {
  const root = document.querySelector<HTMLElement>(`[data-test="${selectTest}"]`)
  if (!root) throw new Error(`no select ${selectTest}`)
  ;(root.querySelector<HTMLElement>('.el-select__wrapper') ?? root).click()
  const option = await vi.waitFor(() => {
    const item = [...document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find(
      (candidate) =>
        candidate.textContent?.trim() === optionText && candidate.closest<HTMLElement>('.el-popper')?.style.display !== 'none',
    )
    if (!item) throw new Error(`no option ${optionText}`)
    return item
  })
  option.click()
}
