import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Dialog, TextArea } from '@nutui/nutui-react-taro'
import type { Idea } from '../../../types'
import { charCount, REVIEW_REASON_MAX, REVIEW_REASONS } from '../../../types/rules'
import './ReviewFlow.scss'

/** A review the leader started: 通过 or 不通过 of one idea held for review. */
export interface ReviewAsk {
  idea: Idea
  approve: boolean
}

interface Props {
  /** The review being confirmed; null when closed. */
  ask: ReviewAsk | null
  onClose: () => void
  /** Sends the review; throws to keep the dialog open (the failure is shown by the caller). */
  onReview: (idea: Idea, approve: boolean, reason?: string) => Promise<void>
}

const quote = (idea: Idea) =>
  `「${Array.from(idea.content).slice(0, 40).join('')}${charCount(idea.content) > 40 ? '…' : ''}」`

/**
 * 通过 asks a light confirmation; 不通过 asks the reason the author will read (a quick choice or their own
 * words, up to 100 characters counted as people count them: an emoji is one).
 */
export function ReviewFlow({ ask, onClose, onReview }: Props) {
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    setReason('')
    setProblem(null)
  }, [ask])

  const confirm = async () => {
    if (!ask) return
    const given = reason.trim()
    if (!ask.approve && !given) {
      setProblem('请选择或写下不通过的原因，作者会看到')
      throw new Error('no reason')
    }
    await onReview(ask.idea, ask.approve, ask.approve ? undefined : given)
  }
  const change = (value: string) => {
    setReason(charCount(value) > REVIEW_REASON_MAX ? Array.from(value).slice(0, REVIEW_REASON_MAX).join('') : value)
    setProblem(null)
  }

  return (
    <Dialog
      className='review-flow__dialog'
      visible={Boolean(ask)}
      title={ask?.approve ? '通过这条建议？' : '不通过这条建议'}
      confirmText={ask?.approve ? '确认通过' : '确认不通过'}
      cancelText='再想想'
      onConfirm={confirm}
      onCancel={onClose}
      onClose={onClose}
      content={
        ask && (
          <View className='review-flow'>
            <Text className='review-flow__quote'>{quote(ask.idea)}</Text>
            {ask.approve ? (
              <Text className='review-flow__hint'>通过后大家都能看到这条建议，作者也会收到通知。</Text>
            ) : (
              <>
                <Text className='review-flow__hint'>原因会告诉作者，只有作者和网格长能看到这条建议。</Text>
                <View className='review-flow__choices'>
                  {REVIEW_REASONS.map((choice) => (
                    <View
                      key={choice}
                      className={`review-flow__choice${reason === choice ? ' review-flow__choice--on' : ''}`}
                      onClick={() => change(choice)}
                    >
                      {choice}
                    </View>
                  ))}
                </View>
                <TextArea
                  className='review-flow__reason'
                  placeholder='或者写下你的原因'
                  value={reason}
                  // The native limit counts UTF-16 units (an emoji is two): keep it loose, cut by characters here.
                  maxLength={REVIEW_REASON_MAX * 2}
                  onChange={change}
                />
                <Text className='review-flow__count'>
                  {charCount(reason)}/{REVIEW_REASON_MAX}
                </Text>
                {problem && <Text className='review-flow__problem'>{problem}</Text>}
              </>
            )}
          </View>
        )
      }
    />
  )
}
