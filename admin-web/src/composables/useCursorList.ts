import { ref, type Ref } from 'vue'
import { showError } from '@/utils/errors'

/** One page of a cursor-paged list; `nextCursor` is null on the last page. */
export interface CursorPage<T> {
  items: T[]
  nextCursor: string | null
}

/**
 * A list read page by page with the api's `nextCursor` ("加载更多"). `load(filter)` reads the first page and remembers
 * the filter, so that `loadMore()` continues the list shown even when the form has been edited since; a newer
 * `load()` makes the answers of older ones (and of their `loadMore()`) stale. Failures are shown with `showError`.
 */
export function useCursorList<T extends { id: string }, F>(fetchPage: (filter: F, cursor?: string) => Promise<CursorPage<T>>) {
  const items = ref([]) as Ref<T[]>
  const nextCursor = ref<string | null>(null)
  const loading = ref(false)
  const loadingMore = ref(false)
  /** Whether a first page has arrived (to tell "nothing there" from "not read yet"). */
  const loaded = ref(false)
  let shownFilter: F | undefined
  let generation = 0

  async function load(filter: F): Promise<void> {
    const mine = ++generation
    shownFilter = filter
    loading.value = true
    try {
      const page = await fetchPage(filter)
      if (mine !== generation) return
      items.value = page.items
      nextCursor.value = page.nextCursor
      loaded.value = true
    } catch (error) {
      if (mine === generation) showError(error)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value || shownFilter === undefined) return
    const mine = generation
    loadingMore.value = true
    try {
      const page = await fetchPage(shownFilter, nextCursor.value)
      if (mine !== generation) return
      // An item that changed rank between pages may come twice: keep the first.
      const known = new Set(items.value.map((item) => item.id))
      items.value = [...items.value, ...page.items.filter((item) => !known.has(item.id))]
      nextCursor.value = page.nextCursor
    } catch (error) {
      if (mine === generation) showError(error)
    } finally {
      loadingMore.value = false
    }
  }

  /** Puts `updated` in place of the item with its id. */
  function replace(updated: T): void {
    items.value = items.value.map((item) => (item.id === updated.id ? updated : item))
  }

  return { items, nextCursor, loading, loadingMore, loaded, load, loadMore, replace }
}
