import { computed, type WritableComputedRef } from 'vue'
import { useRoute, useRouter } from 'vue-router'

/**
 * The open tab of a page with tabs, kept in `?tab=` so that a reload or a shared link opens the same tab. The first
 * tab is the default and leaves the address clean; an unknown value opens it too.
 */
export function useTabQuery<T extends string>(tabs: readonly [T, ...T[]]): WritableComputedRef<T> {
  const route = useRoute()
  const router = useRouter()
  const [first] = tabs
  return computed<T>({
    get: () => tabs.find((tab) => tab === route.query.tab) ?? first,
    set: (value) => void router.replace({ query: { ...route.query, tab: value === first ? undefined : value } }),
  })
}
