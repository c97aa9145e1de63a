import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button, Input, Tag } from '@nutui/nutui-react-taro'
import { MUTED_BORDER } from '../../utils/theme'
import './TagsField.scss'

export const MAX_TAGS = 5
const TAG_MAX_CHARS = 10
const SUGGESTED = ['楼宇圈', '职业圈', '个性圈', '志愿服务', '创业', '公益']

interface Props {
  /** Injected by `Form.Item`. */
  value?: string[]
  onChange?: (value: string[]) => void
}

/** Circle tags (up to five, ten characters each): suggestions to tap, or type your own. */
export function TagsField({ value = [], onChange }: Props) {
  const [draft, setDraft] = useState('')
  const full = value.length >= MAX_TAGS
  const add = (raw: string) => {
    const tag = raw.trim()
    if (!tag || full || value.includes(tag)) return
    onChange?.([...value, tag])
    setDraft('')
  }
  const remove = (tag: string) => onChange?.(value.filter((t) => t !== tag))
  return (
    <View className='tags-field'>
      {value.length > 0 && (
        <View className='tags-field__chosen'>
          {value.map((tag) => (
            <Tag key={tag} type='primary' closeable onClose={() => remove(tag)}>
              {tag}
            </Tag>
          ))}
        </View>
      )}
      {!full && (
        <>
          <View className='tags-field__add'>
            <Input
              className='tags-field__input'
              placeholder={`自定义标签，最多 ${TAG_MAX_CHARS} 个字`}
              value={draft}
              maxLength={TAG_MAX_CHARS}
              onChange={setDraft}
              onConfirm={() => add(draft)}
            />
            <Button size='small' type='primary' fill='outline' disabled={!draft.trim()} onClick={() => add(draft)}>
              添加
            </Button>
          </View>
          <View className='tags-field__suggested'>
            {SUGGESTED.filter((s) => !value.includes(s)).map((s) => (
              <Tag key={s} plain background={MUTED_BORDER} color='#595959' onClick={() => add(s)}>
                {`+ ${s}`}
              </Tag>
            ))}
          </View>
        </>
      )}
      <View className='muted'>
        已选 {value.length}/{MAX_TAGS} 个
      </View>
    </View>
  )
}
