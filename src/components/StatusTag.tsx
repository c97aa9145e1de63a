import type { ReactNode } from 'react'
import { Tag } from '@nutui/nutui-react-taro'
import { tagColours, type Tone } from '../utils/status-colours'

/** A NutUI Tag in the colour of its status (src/utils/status-colours.ts): the one way pages colour a status. */
export function StatusTag({ tone, className, children }: { tone: Tone; className?: string; children: ReactNode }) {
  return (
    <Tag className={`status-tag status-tag--${tone}${className ? ` ${className}` : ''}`} {...tagColours(tone)}>
      {children}
    </Tag>
  )
}
