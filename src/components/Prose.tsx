import { Text } from '@tarojs/components'
import './Prose.scss'

/**
 * A run of digits with the separators of times, dates and ranges between them (`14:00–16:30`, `12.5`,
 * `3/4`): the browser may break a line after `:` or `–`, so `14:00–16:` / `30` could happen inside one.
 */
const NUMBER_RUN = /\d+(?:[:：.．/–—~～-]\d+)*/g

/** Splits `text` into plain parts and number runs (odd indexes), in order. */
export function numberRuns(text: string): string[] {
  const parts: string[] = []
  let last = 0
  for (const match of text.matchAll(NUMBER_RUN)) {
    const at = match.index ?? 0
    parts.push(text.slice(last, at), match[0])
    last = at + match[0].length
  }
  parts.push(text.slice(last))
  return parts
}

/**
 * Free text a person wrote (a draft, an idea, a reply, a summon's introduction): it wraps wherever the
 * language allows, but never inside a number, a time or a range of them.
 */
export function Prose({ text, className }: { text: string; className?: string }) {
  return (
    <Text className={className} userSelect>
      {numberRuns(text).map((part, i) =>
        i % 2 === 1 ? (
          <Text key={i} className='prose__number'>
            {part}
          </Text>
        ) : (
          part
        ),
      )}
    </Text>
  )
}
