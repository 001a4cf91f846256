/**
 * The one HTTP client of the console: bearer token, one shared token refresh on 401,
 * and RFC 9457 problems turned into {@link ApiProblem}.
 */

export interface FieldProblem {
  field: string
  message: string
}

export interface ProblemInit {
  status: number
  code: string
  title: string
  detail: string
  type?: string
  traceId?: string
  errors?: FieldProblem[]
  retryAfterSeconds?: number
}

/** An error answered by the server, in the shape of our problem+json contract. */
export class ApiProblem extends Error {
  readonly status: number
  readonly code: string
  readonly title: string
  readonly detail: string
  readonly type?: string
  readonly traceId?: string
  readonly errors: FieldProblem[]
  readonly retryAfterSeconds?: number

  constructor(init: ProblemInit) {
    super(init.detail)
    this.name = 'ApiProblem'
    this.status = init.status
    this.code = init.code
    this.title = init.title
    this.detail = init.detail
    this.type = init.type
    this.traceId = init.traceId
    this.errors = init.errors ?? []
    this.retryAfterSeconds = init.retryAfterSeconds
  }

  /** The first message for each field, ready for `el-form-item :error`. */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {}
    for (const error of this.errors) {
      byField[error.field] ??= error.message
    }
    return byField
  }
}

export class NetworkError extends Error {
  constructor(options?: ErrorOptions) {
    super('网络连接失败，请检查网络后重试', options)
    this.name = 'NetworkError'
  }
}

/** The session could not be renewed; the user has already been sent to the login page. */
export class SessionExpiredError extends Error {
  constructor() {
    super('登录已过期，请重新登录')
    this.name = 'SessionExpiredError'
  }
}

/** What the client needs from whoever owns the tokens (the auth store). */
export interface SessionHooks {
  accessToken(): string | null
  /** Obtains a new access token; rejects when the session cannot be renewed. */
  renew(): Promise<void>
  /** Ends the session locally after a failed renewal. */
  expire(): void
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  query?: Record<string, string | undefined>
  json?: unknown
  form?: Record<string, string>
  /** Multipart body (file uploads); the browser sets the boundary. */
  multipart?: FormData
  /** A raw body with its content type, e.g. a CSV import. */
  raw?: { body: string | Blob; contentType: string }
  /** The `Accept` header; JSON and problem+json unless given. */
  accept?: string
  /** Send the bearer token and renew it on 401; false for login and token calls. */
  auth?: boolean
}

let session: SessionHooks | null = null
let renewal: Promise<void> | null = null

export function bindSession(hooks: SessionHooks | null): void {
  session = hooks
  renewal = null
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await exchange(path, options)
  return (await readBody(response)) as T
}

/** A downloaded file, with the name the server suggested in `Content-Disposition` (if any). */
export interface Download {
  blob: Blob
  fileName: string | null
}

/** Like {@link request}, for endpoints that answer with a file (CSV, PDF, images) behind the bearer token. */
export async function requestBlob(path: string, options: RequestOptions = {}): Promise<Download> {
  const response = await exchange(path, { accept: '*/*', ...options })
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) }
}

/** Sends the request with the bearer token, renewing it once on 401; throws problems for error statuses. */
async function exchange(path: string, options: RequestOptions): Promise<Response> {
  const authenticated = options.auth ?? true
  let token = authenticated ? await currentToken() : null
  let response = await send(path, options, token)
  if (response.status === 401 && authenticated) {
    token = await tokenAfterRejection(token)
    response = await send(path, options, token)
    if (response.status === 401) {
      // A token issued a moment ago was refused: renewing again would loop.
      sessionHooks().expire()
      throw new SessionExpiredError()
    }
  }
  if (!response.ok) {
    throw await parseProblem(response)
  }
  return response
}

function fileNameOf(disposition: string | null): string | null {
  if (!disposition) {
    return null
  }
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1]!.trim())
    } catch {
      // Fall back to the plain name below.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition)
  return plain ? plain[1]!.trim() : null
}

function sessionHooks(): SessionHooks {
  if (!session) {
    throw new Error('bindSession() must run before authenticated requests')
  }
  return session
}

async function currentToken(): Promise<string | null> {
  const token = sessionHooks().accessToken()
  if (token) {
    return token
  }
  // After a page reload only the refresh token is left.
  await renewOnce()
  return sessionHooks().accessToken()
}

async function tokenAfterRejection(rejected: string | null): Promise<string | null> {
  const latest = sessionHooks().accessToken()
  if (latest && latest !== rejected) {
    // Another request renewed the token while this one was in flight.
    return latest
  }
  await renewOnce()
  return sessionHooks().accessToken()
}

/** Concurrent callers share one renewal, so a rotating refresh token is used exactly once. */
function renewOnce(): Promise<void> {
  renewal ??= sessionHooks()
    .renew()
    .catch((error: unknown) => {
      // A network blip is not a reason to sign the user out.
      if (error instanceof NetworkError) {
        throw error
      }
      sessionHooks().expire()
      throw new SessionExpiredError()
    })
    .finally(() => {
      renewal = null
    })
  return renewal
}

async function send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers = new Headers({ Accept: options.accept ?? 'application/json, application/problem+json' })
  let body: BodyInit | undefined
  if (options.multipart) {
    body = options.multipart
  } else if (options.raw) {
    headers.set('Content-Type', options.raw.contentType)
    body = options.raw.body
  } else if (options.json !== undefined) {
    headers.set('Content-Type', 'application/json')
    body = JSON.stringify(options.json)
  } else if (options.form) {
    headers.set('Content-Type', 'application/x-www-form-urlencoded')
    body = new URLSearchParams(options.form).toString()
  }
  if (token) {
    headers.set('Authorization', `Bearer ${token}`)
  }
  try {
    return await fetch(withQuery(path, options.query), { method: options.method ?? 'GET', headers, body })
  } catch (error) {
    throw new NetworkError({ cause: error })
  }
}

function withQuery(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) {
      params.set(name, value)
    }
  }
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

/** A filter as query parameters: values trimmed, empty ones left out (so `?status=` never reaches the api). */
export function filterQuery(filter: object): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(filter)) {
    const text = value === undefined || value === null ? '' : String(value).trim()
    query[name] = text || undefined
  }
  return query
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  return text ? JSON.parse(text) : undefined
}

const FALLBACK_DETAILS: Record<number, string> = {
  400: '请求有误，请检查后重试',
  401: '请先登录',
  403: '没有权限执行此操作',
  404: '请求的内容不存在',
  429: '请求过于频繁，请稍后再试',
}

/** Reads a problem+json body, or describes a bare error status (e.g. an HTML page from a proxy). */
export async function parseProblem(response: Response): Promise<ApiProblem> {
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10)
  const retryAfterSeconds = Number.isFinite(retryAfter) ? retryAfter : undefined
  const fallbackDetail =
    FALLBACK_DETAILS[response.status] ?? (response.status >= 500 ? '服务暂时不可用，请稍后重试' : '请求失败，请稍后重试')
  const fallback = new ApiProblem({
    status: response.status,
    code: `HTTP_${response.status}`,
    title: fallbackDetail,
    detail: fallbackDetail,
    retryAfterSeconds,
  })
  if (!(response.headers.get('Content-Type') ?? '').includes('application/problem+json')) {
    return fallback
  }
  let body: Record<string, unknown>
  try {
    body = (await response.json()) as Record<string, unknown>
  } catch {
    return fallback
  }
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined)
  return new ApiProblem({
    status: typeof body.status === 'number' ? body.status : response.status,
    code: text(body.code) ?? fallback.code,
    title: text(body.title) ?? fallback.title,
    detail: text(body.detail) ?? text(body.title) ?? fallback.detail,
    type: text(body.type),
    traceId: text(body.traceId),
    errors: Array.isArray(body.errors) ? body.errors.filter(isFieldProblem) : [],
    retryAfterSeconds,
  })
}

function isFieldProblem(value: unknown): value is FieldProblem {
  const candidate = value as FieldProblem | null
  return typeof candidate?.field === 'string' && typeof candidate.message === 'string'
}
