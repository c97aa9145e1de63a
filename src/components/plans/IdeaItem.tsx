import { Text, View } from '@tarojs/components'
import { Button, Tag } from '@nutui/nutui-react-taro'
import type { Idea } from '../../../types'
import { ideaNote, relativeLabel } from '../../utils/plans'
import { BRAND } from '../../utils/theme'
import { Prose } from '../Prose'
import { DecisionBadge } from './PlanStateBadge'
import './IdeaItem.scss'

export interface IdeaActions {
  onLike: (idea: Idea) => void
  /** Leaders: open the decision sheet for this idea. */
  onDecide?: (idea: Idea) => void
  /** Leaders: approve or reject an idea held for review. */
  onReview?: (idea: Idea, approve: boolean) => void
}

function LikeButton({ idea, onLike }: { idea: Idea; onLike: (idea: Idea) => void }) {
  return (
    <View
      className={`idea__like${idea.likedByMe ? ' idea__like--on' : ''}`}
      onClick={(e) => {
        e.stopPropagation()
        onLike(idea)
      }}
    >
      {idea.likedByMe ? '已赞' : '赞'} {idea.likes}
    </View>
  )
}

function LeaderActions({ idea, onDecide, onReview }: Omit<IdeaActions, 'onLike'> & { idea: Idea }) {
  if (idea.status === 'pending_review' && onReview) {
    return (
      <View className='idea__actions'>
        <Button size='small' fill='outline' onClick={() => onReview(idea, false)}>
          不通过
        </Button>
        <Button size='small' type='primary' onClick={() => onReview(idea, true)}>
          通过
        </Button>
      </View>
    )
  }
  if (idea.status === 'visible' && onDecide) {
    return (
      <View className='idea__actions'>
        <Button size='small' type={idea.decision ? 'default' : 'primary'} onClick={() => onDecide(idea)}>
          {idea.decision ? '修改回复' : '回复采纳情况'}
        </Button>
      </View>
    )
  }
  return null
}

/** One idea: author, time, text (as text), likes, the leader's decision and reply; leaders get their actions. */
export function IdeaItem({ idea, now, ...actions }: IdeaActions & { idea: Idea; now?: Date }) {
  const note = ideaNote(idea.status, idea.mine)
  return (
    <View className={`card idea idea--${idea.status}`}>
      <View className='idea__head'>
        <Text className='idea__author'>{idea.author.name}</Text>
        {idea.mine && (
          <Tag className='idea__mine' plain background={BRAND} color={BRAND}>
            我的建议
          </Tag>
        )}
        <View className='idea__spacer' />
        {idea.decision && idea.status === 'visible' && <DecisionBadge decision={idea.decision} />}
      </View>
      <Prose className='idea__content' text={idea.content} />
      {note && <View className='idea__note'>{note}</View>}
      {idea.status === 'rejected' && idea.reviewReason && (
        <View className='idea__reason'>
          <Text className='idea__reason-label'>未通过的原因</Text>
          <Text className='idea__reason-text'>{idea.reviewReason}</Text>
        </View>
      )}
      <View className='idea__foot'>
        <Text className='idea__time'>{relativeLabel(idea.at, now)}</Text>
        {idea.status === 'visible' && <LikeButton idea={idea} onLike={actions.onLike} />}
      </View>
      {idea.reply && (
        <View className='idea__reply'>
          <Text className='idea__reply-label'>网格长回复</Text>
          <Prose className='idea__reply-text' text={idea.reply} />
        </View>
      )}
      <LeaderActions idea={idea} onDecide={actions.onDecide} onReview={actions.onReview} />
    </View>
  )
}
