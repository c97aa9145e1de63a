import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell } from '@nutui/nutui-react-taro'
import type { Me } from '../../../../types'
import { OrgPicker, type OrgChoice } from '../../../components/OrgPicker'
import { ROUTES } from '../../../utils/routes'

/**
 * 所在组织: the member's registered organisation if they have one (changed on 我的组织), else the same
 * picker as 我的组织; what is picked is joined when the form is saved (joining needs the profile first).
 */
export function OrgSection({
  current,
  picked,
  onPick,
}: {
  current: Me['org']
  picked: OrgChoice | null
  onPick: (c: OrgChoice | null) => void
}) {
  if (current) {
    return (
      <Cell
        className='profile__org'
        title={`所在组织：${current.name}${current.status === 'pending' ? '（待审核）' : ''}`}
        description='更换或离开组织，请到「我的组织」'
        clickable
        onClick={() => Taro.navigateTo({ url: ROUTES.org })}
      />
    )
  }
  return (
    <View className='profile__org-picker'>
      <View className='profile__section-title'>所在团组织（选填）</View>
      <View className='muted'>你的组织已在二维报到登记？用邀请码或搜索选中它，保存后报到和活动会同时记入组织。</View>
      <OrgPicker
        onPick={onPick}
        labels={{ code: '使用这个邀请码', request: '选择' }}
        pickedOrgId={picked && 'orgId' in picked ? picked.orgId : undefined}
      />
      {picked && (
        <View className='profile__picked'>
          {'inviteCode' in picked
            ? `保存后用邀请码 ${picked.inviteCode} 加入组织`
            : `保存后向「${picked.name}」提交入会申请，书记同意后生效`}
          <View className='profile__link' onClick={() => onPick(null)}>
            不选了
          </View>
        </View>
      )}
    </View>
  )
}
