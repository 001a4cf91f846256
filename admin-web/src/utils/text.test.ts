import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { insertAt, insertIntoTextarea } from './text'

describe('inserting text', () => {
  it('puts a snippet at the caret or over the selection, and at the end by default', () => {
    expect(insertAt('您好，', '{提问人}', 0)).toEqual({ text: '{提问人}您好，', caret: 5 })
    expect(insertAt('您好，XX', '{提问人}', 3, 5)).toEqual({ text: '您好，{提问人}', caret: 8 })
    expect(insertAt('您好', '！')).toEqual({ text: '您好！', caret: 3 })
    expect(insertAt('您好', '！', 99)).toEqual({ text: '您好！', caret: 3 })
  })

  it('inserts where the textarea’s caret was and moves the caret after the snippet', async () => {
    const textarea = document.createElement('textarea')
    document.body.appendChild(textarea)
    const model = ref('请联系顾问')
    textarea.value = model.value
    textarea.setSelectionRange(3, 3)

    await insertIntoTextarea(textarea, model.value, '{顾问姓名}', (text) => {
      model.value = text
      textarea.value = text
    })
    await nextTick()

    expect(model.value).toBe('请联系{顾问姓名}顾问')
    expect(textarea.selectionStart).toBe(9)
    expect(document.activeElement).toBe(textarea)
  })
})
