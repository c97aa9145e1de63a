import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Skeleton } from '@nutui/nutui-react-taro'
import { ROUTES } from '../utils/routes'
import { Empty } from './Empty'
import './PageState.scss'

interface Props {
  loading: boolean
  error: string | null
  onRetry?: () => void
  /** How many skeleton cards to draw while loading. */
  cards?: number
  children: ReactNode
}

/** The first tab: where 回到首页 leads from a page that could not load. */
const HOME = ROUTES.summons

/**
 * Skeleton while loading, a kind error with 重试 and 回到首页 when loading failed (a missing record cannot
 * be retried into existence), else the page's content.
 */
export function PageState({ loading, error, onRetry, cards = 3, children }: Props) {
  if (loading) return <LoadingCards count={cards} />
  if (error) {
    return (
      <Empty status='error' title='没能加载出来' description={error}>
        <View className='page-state__actions'>
          {onRetry && (
            <Button type='primary' size='small' onClick={onRetry}>
              重试
            </Button>
          )}
          <Button size='small' fill='outline' onClick={() => Taro.reLaunch({ url: HOME })}>
            回到首页
          </Button>
        </View>
      </Empty>
    )
  }
  return <>{children}</>
}

export function LoadingCards({ count = 3 }: { count?: number }) {
  return (
    <View className='page-state__loading'>
      {Array.from({ length: count }, (_, i) => (
        <View className='card' key={i}>
          <Skeleton rows={3} animated />
        </View>
      ))}
    </View>
  )
}
