import { describe, expect, it, vi } from 'vitest'
import { county, signedIn, township, village } from '@/test/directory'
import { buttonNamed, countyAdmin, found, json, mountApp, openDialog, pageText, problem, routes, stubNetwork, typeInto } from '@/test/support'

const names = () => [...document.querySelectorAll('.village-tree__name')].map((node) => node.textContent)

function rowOf(name: string): HTMLElement {
  return [...document.querySelectorAll<HTMLElement>('.village-tree__node')].find(
    (node) => node.querySelector('.village-tree__name')?.textContent === name,
  )!
}

describe('village management', () => {
  it('adds a village under a township and shows it after reloading the township', async () => {
    let created = false
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/regions': (req) => {
          const parent = req.query.get('parent')
          if (!parent) return json([county])
          if (parent === county.code) return json([township])
          return json(created ? [village] : [])
        },
        'POST /api/v1/admin/regions': () => {
          created = true
          return json(village, 201)
        },
      }),
    )
    await mountApp('/villages', signedIn)
    await vi.waitFor(() => expect(names()).toEqual(['正宁县']))
    rowOf('正宁县').querySelector<HTMLElement>('.village-tree__name')!.click()
    await vi.waitFor(() => expect(names()).toEqual(['正宁县', '山河镇']))

    buttonNamed('新增下级', rowOf('山河镇')).click()
    const code = await found<HTMLInputElement>('input[name="code"]')
    // The code starts with the township's significant digits.
    expect(code.value).toBe('621025100')
    typeInto(code, village.code)
    typeInto(document.querySelector<HTMLInputElement>('input[name="name"]')!, ' 柳林村 ')
    buttonNamed('保存', openDialog()).click()

    await vi.waitFor(() => expect(names()).toEqual(['正宁县', '山河镇', '柳林村']))
    const post = sent.find((req) => req.method === 'POST')!
    expect(JSON.parse(post.body)).toEqual({ code: village.code, name: '柳林村' })
    expect(pageText()).toContain('已新增 柳林村')
    // A village row links to its pages.
    expect([...rowOf('柳林村').querySelectorAll('a')].map((link) => link.textContent)).toEqual(['公示', '协议', '1+N 团队', '驻点'])
  })

  it('shows a field error from the server next to the field', async () => {
    stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/regions': () => json([township]),
        'PUT /api/v1/admin/regions/621025100000': () =>
          problem(400, 'VALIDATION_FAILED', '提交的内容有误', { errors: [{ field: 'name', message: '名称不能超过 30 个字' }] }),
      }),
    )
    await mountApp('/villages', signedIn)
    await vi.waitFor(() => expect(names()).toEqual(['山河镇']))

    buttonNamed('重命名', rowOf('山河镇')).click()
    const name = await found<HTMLInputElement>('input[name="name"]')
    expect(name.value).toBe('山河镇')
    typeInto(name, '山'.repeat(31))
    buttonNamed('保存', openDialog()).click()

    await vi.waitFor(() => expect(document.querySelector('.el-dialog .el-form-item__error')?.textContent).toBe('名称不能超过 30 个字'))
    expect(document.querySelector('.el-dialog .el-alert')!.textContent).toContain('提交的内容有误')
  })

  it('lists every rejected row of a CSV import', async () => {
    const sent = stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/regions': () => json([county]),
        'POST /api/v1/admin/regions/import': () =>
          problem(400, 'IMPORT_REJECTED', '导入文件有 2 行错误，未导入任何数据', {
            errors: [
              { field: '第 2 行', message: '上级区划 621025999000 不存在' },
              { field: '第 3 行', message: '区划代码应为 12 位数字' },
            ],
          }),
      }),
    )
    const { wrapper } = await mountApp('/villages', signedIn)
    await wrapper.findAll('button').find((candidate) => candidate.text().includes('批量导入'))!.trigger('click')
    const textarea = await found<HTMLTextAreaElement>('textarea[name="csv"]')
    const csv = 'code,name\n621025999001,甲村\n6210251,乙村\n'
    typeInto(textarea, csv)
    buttonNamed('导入', openDialog()).click()

    await vi.waitFor(() => expect(document.querySelectorAll('[data-test="import-errors"] tbody tr')).toHaveLength(2))
    const rows = [...document.querySelectorAll('[data-test="import-errors"] tbody tr')].map((row) => row.textContent)
    expect(rows).toEqual(['第 2 行上级区划 621025999000 不存在', '第 3 行区划代码应为 12 位数字'])
    expect(pageText()).toContain('导入文件有 2 行错误，未导入任何数据')
    const post = sent.find((req) => req.path === '/api/v1/admin/regions/import')!
    expect(post.body).toBe(csv)
    expect(post.contentType).toMatch(/^text\/csv/)
  })

  it('reports the counts of a successful import', async () => {
    stubNetwork(
      routes({
        'GET /api/v1/me': () => json(countyAdmin),
        'GET /api/v1/regions': () => json([county]),
        'POST /api/v1/admin/regions/import': () => json({ created: 3, renamed: 1, unchanged: 0 }),
      }),
    )
    const { wrapper } = await mountApp('/villages', signedIn)
    await wrapper.findAll('button').find((candidate) => candidate.text().includes('批量导入'))!.trigger('click')
    const textarea = await found<HTMLTextAreaElement>('textarea[name="csv"]')
    typeInto(textarea, 'code,name\n621025100209,新庄村\n')
    buttonNamed('导入', openDialog()).click()

    await vi.waitFor(() =>
      expect(document.querySelector('[data-test="import-result"]')?.textContent).toContain('新增 3 个，更名 1 个，未变 0 个'),
    )
  })
})
