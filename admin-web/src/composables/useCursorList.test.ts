import { describe, expect, it, vi } from 'vitest'
import { ApiProblem } from '@/api/http'
import { pageText } from '@/test/support'
import { useCursorList, type CursorPage } from './useCursorList'

interface Row {
  id: string
  status: string
}

const row = (id: string, status = 'OPEN'): Row => ({ id, status })

/** A fetcher whose answers the test releases one by one. */
function controlledFetch() {
  const calls: { filter: string; cursor?: string; resolve: (page: CursorPage<Row>) => void }[] = []
  const fetchPage = (filter: string, cursor?: string) =>
    new Promise<CursorPage<Row>>((resolve) => calls.push({ filter, cursor, resolve }))
  return { calls, fetchPage }
}

describe('useCursorList', () => {
  it('reads the first page, then continues with the filter it was loaded with', async () => {
    const { calls, fetchPage } = controlledFetch()
    const list = useCursorList(fetchPage)

    const first = list.load('status=OPEN')
    expect(list.loading.value).toBe(true)
    calls[0]!.resolve({ items: [row('q-1'), row('q-2')], nextCursor: 'c-1' })
    await first
    const more = list.loadMore()
    // An item that moved between pages comes twice: the first stays.
    calls[1]!.resolve({ items: [row('q-2', 'CLAIMED'), row('q-3')], nextCursor: null })
    await more

    expect(calls.map((call) => [call.filter, call.cursor])).toEqual([
      ['status=OPEN', undefined],
      ['status=OPEN', 'c-1'],
    ])
    expect(list.items.value).toEqual([row('q-1'), row('q-2'), row('q-3')])
    expect(list.nextCursor.value).toBeNull()
    expect(list.loading.value).toBe(false)
    expect(list.loaded.value).toBe(true)
  })

  it('ignores the answer of a load that a newer one overtook', async () => {
    const { calls, fetchPage } = controlledFetch()
    const list = useCursorList(fetchPage)

    const older = list.load('a')
    const newer = list.load('b')
    calls[1]!.resolve({ items: [row('b-1')], nextCursor: null })
    await newer
    calls[0]!.resolve({ items: [row('a-1')], nextCursor: 'c-a' })
    await older

    expect(list.items.value).toEqual([row('b-1')])
    expect(list.nextCursor.value).toBeNull()
  })

  it('puts an updated item in place and shows failures in Chinese', async () => {
    const fetchPage = vi
      .fn<(filter: string, cursor?: string) => Promise<CursorPage<Row>>>()
      .mockResolvedValueOnce({ items: [row('q-1'), row('q-2')], nextCursor: null })
      .mockRejectedValueOnce(new ApiProblem({ status: 400, code: 'VALIDATION_FAILED', title: '请求有误', detail: '状态不正确' }))
    const list = useCursorList(fetchPage)

    await list.load('')
    list.replace(row('q-2', 'CLOSED'))
    await list.load('status=NOPE')

    expect(list.items.value.map((item) => item.status)).toEqual(['OPEN', 'CLOSED'])
    await vi.waitFor(() => expect(pageText()).toContain('状态不正确'))
    expect(list.loading.value).toBe(false)
  })
})
