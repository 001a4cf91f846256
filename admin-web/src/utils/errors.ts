import { ApiProblem, NetworkError, SessionExpiredError } from '@/api/http'

/** What to tell the user about a failed call, in Chinese. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiProblem || error instanceof NetworkError || error instanceof SessionExpiredError) {
    return error.message
  }
  return '操作失败，请稍后重试'
}

export function showError(error: unknown): void {
  // The expiry hook already told the user and sent them to the login page.
  if (error instanceof SessionExpiredError) {
    return
  }
  if (!(error instanceof ApiProblem || error instanceof NetworkError)) {
    // A bug rather than an answer from the server: keep it visible to developers.
    console.error(error)
  }
  ElMessage.error(errorMessage(error))
}
