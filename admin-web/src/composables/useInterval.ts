import { computed, onScopeDispose, ref, watch } from 'vue'

export interface IntervalOptions {
  /** Runs only while this is true (e.g. while the user holds the question). */
  when?: () => boolean
  /** Runs only while the page is visible, and once straight away when it shows again (what is shown may be old). */
  whileVisible?: boolean
}

/** Runs `task` every `ms` milliseconds for as long as the calling component lives (and `options` allow). */
export function useInterval(task: () => void, ms: number, options: IntervalOptions = {}): void {
  const visible = ref(document.visibilityState !== 'hidden')
  const onVisibility = () => (visible.value = document.visibilityState !== 'hidden')
  if (options.whileVisible) document.addEventListener('visibilitychange', onVisibility)

  const wanted = computed(() => options.when?.() ?? true)
  const running = computed(() => wanted.value && (!options.whileVisible || visible.value))

  let timer: ReturnType<typeof setInterval> | undefined
  const stopRunning = watch(
    running,
    (on) => {
      clearInterval(timer)
      timer = on ? setInterval(task, ms) : undefined
    },
    { immediate: true },
  )
  const stopVisible = watch(visible, (shown) => {
    if (shown && running.value) task()
  })

  onScopeDispose(() => {
    stopRunning()
    stopVisible()
    clearInterval(timer)
    document.removeEventListener('visibilitychange', onVisibility)
  })
}
