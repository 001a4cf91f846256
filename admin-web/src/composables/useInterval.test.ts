import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { useInterval } from './useInterval'

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange'))
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
})
afterEach(() => {
  vi.useRealTimers()
  setVisibility('visible')
})

describe('useInterval', () => {
  it('runs the task every interval until its scope ends', () => {
    const task = vi.fn()
    const scope = effectScope()
    scope.run(() => useInterval(task, 1000))

    vi.advanceTimersByTime(3000)
    scope.stop()
    vi.advanceTimersByTime(3000)

    expect(task).toHaveBeenCalledTimes(3)
  })

  it('runs only while its condition holds', async () => {
    const task = vi.fn()
    const holding = ref(false)
    const scope = effectScope()
    scope.run(() => useInterval(task, 1000, { when: () => holding.value }))

    vi.advanceTimersByTime(2000)
    holding.value = true
    await nextTick()
    vi.advanceTimersByTime(2000)
    holding.value = false
    await nextTick()
    vi.advanceTimersByTime(2000)
    scope.stop()

    expect(task).toHaveBeenCalledTimes(2)
  })

  it('pauses while the page is hidden and catches up when it shows again', async () => {
    const task = vi.fn()
    const scope = effectScope()
    scope.run(() => useInterval(task, 1000, { whileVisible: true }))

    vi.advanceTimersByTime(1000)
    setVisibility('hidden')
    await nextTick()
    vi.advanceTimersByTime(5000)
    expect(task).toHaveBeenCalledTimes(1)

    setVisibility('visible')
    await nextTick()
    expect(task).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(1000)
    scope.stop()

    expect(task).toHaveBeenCalledTimes(3)
  })
})
