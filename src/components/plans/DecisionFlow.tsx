import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ActionSheet, Dialog, TextArea } from '@nutui/nutui-react-taro'
import type { Decision, Idea } from '../../../types'
import { failureOf } from '../../hooks/useAction'
import { call } from '../../services/call'
import { DECISION_CHOICES, DECISION_LABELS, REPLY_MAX } from '../../utils/plans'
import { textCheck } from '../../utils/rules'
import './DecisionFlow.scss'

interface Props {
  /** The idea being answered; null when the flow is closed. */
  idea: Idea | null
  onClose: () => void
  /** After the reply was saved, with the idea as the server answered it. */
  onReplied: (idea: Idea) => void
}

const checkReply = textCheck(1, REPLY_MAX)
const SHEET_OPTIONS = DECISION_CHOICES.map(({ name, description }) => ({ name, description }))

/** The leader's answer to an idea: a decision from an ActionSheet, then the reply in a Dialog. */
export function DecisionFlow({ idea, onClose, onReplied }: Props) {
  const [decision, setDecision] = useState<Decision | null>(null)
  const [reply, setReply] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(() => {
    setDecision(null)
    setReply(idea?.reply ?? '')
    setProblem(null)
  }, [idea])

  const save = async () => {
    if (!idea || !decision) return
    const wrong = checkReply(reply)
    if (wrong) {
      setProblem(wrong === '不能为空' ? '请写一句回复，提建议的人会看到' : wrong)
      throw new Error(wrong)
    }
    try {
      const saved = await call('plans.replyIdea', { ideaId: idea.id, decision, reply: reply.trim() })
      onReplied(saved)
    } catch (err) {
      setProblem(failureOf(err))
      throw err
    }
  }

  return (
    <>
      <ActionSheet
        visible={Boolean(idea) && !decision}
        title='这条建议的采纳情况'
        description={idea ? `「${idea.content.slice(0, 40)}${idea.content.length > 40 ? '…' : ''}」` : ''}
        options={SHEET_OPTIONS}
        cancelText='取消'
        onSelect={(_item, index) => setDecision(DECISION_CHOICES[index].value)}
        // The sheet also reports a cancel when a choice hides it: only a close without a choice ends the flow.
        onCancel={() => {
          if (!decision) onClose()
        }}
      />
      <Dialog
        className='decision-flow__dialog'
        visible={Boolean(idea && decision)}
        title={decision ? `${DECISION_LABELS[decision].label} · 回复建议` : ''}
        confirmText='发送回复'
        cancelText='取消'
        onConfirm={save}
        onCancel={onClose}
        onClose={onClose}
        content={
          <View className='decision-flow'>
            <TextArea
              className='decision-flow__reply'
              placeholder='写给提建议的人：怎样采纳、为什么不采纳'
              value={reply}
              maxLength={REPLY_MAX}
              showCount
              onChange={(value) => {
                setReply(value)
                setProblem(null)
              }}
            />
            {problem && <Text className='decision-flow__problem'>{problem}</Text>}
          </View>
        }
      />
    </>
  )
}
