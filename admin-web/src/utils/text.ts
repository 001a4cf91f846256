import { nextTick } from 'vue'

/** The text with `snippet` in place of the selection `start..end` (the caret when they are equal), and the caret after it. */
export function insertAt(text: string, snippet: string, start = text.length, end = start): { text: string; caret: number } {
  const from = Math.min(Math.max(start, 0), text.length)
  const to = Math.min(Math.max(end, from), text.length)
  return { text: text.slice(0, from) + snippet + text.slice(to), caret: from + snippet.length }
}

/**
 * Inserts `snippet` where the caret of a textarea bound to `current` was (a textarea keeps its selection when a tag
 * or menu beside it takes the focus; at the end when there is no textarea), hands the new text to `update` for the
 * model, and puts the caret after the snippet once Vue has written it.
 */
export async function insertIntoTextarea(
  textarea: HTMLTextAreaElement | undefined,
  current: string,
  snippet: string,
  update: (text: string) => void,
): Promise<void> {
  const { text, caret } = insertAt(current, snippet, textarea?.selectionStart ?? current.length, textarea?.selectionEnd ?? current.length)
  update(text)
  if (!textarea) return
  await nextTick()
  textarea.focus()
  textarea.setSelectionRange(caret, caret)
}
