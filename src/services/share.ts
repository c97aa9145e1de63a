import Taro from '@tarojs/taro'
import type { ShareCard } from '../../types'
import { call } from './call'

/** `templateInfo` of an updatable card: 「已报名 member_count/room_limit」. */
export function templateInfoOf(card: ShareCard) {
  return {
    parameterList: [
      { name: 'member_count', value: String(card.memberCount) },
      { name: 'room_limit', value: String(card.roomLimit) },
    ],
  }
}

/**
 * Makes the summon page's share an updatable message (动态消息): a card shared to a group chat shows
 * 「已报名 x/y」 and the functions keep it current. Mini program only; a summon without a capacity, or a
 * failure, leaves the plain share card. Called on each load, so the activity is renewed before it expires.
 */
export async function enableUpdatableShare(summonId: string): Promise<ShareCard | null> {
  if (process.env.TARO_ENV !== 'weapp') return null
  try {
    const card = await call('summons.shareCard', { summonId })
    if (!card) return null
    await Taro.updateShareMenu({
      withShareTicket: true,
      isUpdatableMessage: true,
      activityId: card.activityId,
      templateInfo: templateInfoOf(card),
    } as Taro.updateShareMenu.Option)
    return card
  } catch {
    return null
  }
}
