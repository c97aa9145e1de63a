import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import type { Idea } from '../../../types'
import { useAction } from '../../hooks/useAction'
import { call, CallError, messageOf } from '../../services/call'
import { charCount } from '../../../types/rules'
import { IDEA_MAX } from '../../utils/plans'
import { ROUTES } from '../../utils/routes'
import { showSuccess } from '../../utils/toast'
import './IdeaComposer.scss'

interface Props {
  planId: string
  onAdded: (idea: Idea) => void
  /** The plan stopped collecting ideas meanwhile. */
  onClosed: () => void
}

/** Where members write an idea: a TextArea (500 characters) and 提交建议. */
export function IdeaComposer({ planId, onAdded, onClosed }: Props) {
  const [content, setContent] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [needsProfile, setNeedsProfile] = useState(false)
  const [sending, run] = useAction({
    onError: (err) => {
      const code = err instanceof CallError ? err.code : null
      setProblem(messageOf(err))
      setNeedsProfile(code === 'FORBIDDEN')
      if (code === 'CLOSED') onClosed()
    },
  })

  const submit = async () => {
    if (!content.trim()) {
      setProblem('先写下你的建议吧')
      return
    }
    await run(async () => {
      const idea = await call('plans.addIdea', { planId, content })
      setContent('')
      setProblem(null)
      showSuccess(idea.status === 'visible' ? '已提交' : '已提交，审核通过后大家就能看到')
      onAdded(idea)
    })
  }

  return (
    <View className='card idea-composer'>
      <TextArea
        className='idea-composer__input'
        placeholder='你对这个方案有什么建议？内容、时间、形式都可以说说'
        value={content}
        // The native limit counts UTF-16 units (an emoji is two): keep it loose, cut by characters here.
        maxLength={IDEA_MAX * 2}
        autoSize
        onChange={(value) => {
          setContent(charCount(value) > IDEA_MAX ? Array.from(value).slice(0, IDEA_MAX).join('') : value)
          setProblem(null)
        }}
      />
      <Text className='idea-composer__count'>
        {charCount(content)}/{IDEA_MAX}
      </Text>
      {problem && (
        <View className='idea-composer__problem'>
          <Text>{problem}</Text>
          {needsProfile && (
            <Text className='idea-composer__link' onClick={() => Taro.navigateTo({ url: ROUTES.profile })}>
              去填写
            </Text>
          )}
        </View>
      )}
      <Button className='idea-composer__submit' type='primary' block loading={sending} onClick={submit}>
        提交建议
      </Button>
    </View>
  )
}
