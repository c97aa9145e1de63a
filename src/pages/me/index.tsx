import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Tag, Toast } from '@nutui/nutui-react-taro'
import { StatusTag } from '../../components/StatusTag'
import type { Me } from '../../../types'
import { PageState } from '../../components/PageState'
import { useMe } from '../../hooks/useSession'
import { setToken } from '../../services/session'
import { AFFILIATION_LABELS } from '../../utils/labels'
import { LOGIN_ROUTE, ROUTES } from '../../utils/routes'
import { TOAST_ID } from '../../utils/toast'
import { BRAND } from '../../utils/theme'
import { PrivacyConsent } from '../../components/PrivacyConsent'
import { ManageCenter } from './ManageCenter'
import './index.scss'

const go = (url: string) => () => Taro.navigateTo({ url })

function ProfileCard({ me }: { me: Me }) {
  if (!me.profile) {
    return (
      <View className='card me__prompt'>
        <View className='me__name'>先填写基本信息</View>
        <View className='muted'>填好姓名和所在组织，报名活动、提建议时网格长才知道是你。</View>
        <Button className='me__prompt-button' type='primary' block onClick={go(ROUTES.profile)}>
          去填写
        </Button>
      </View>
    )
  }
  const { name, org, affiliation } = me.profile
  return (
    <View className='card me__profile' onClick={go(ROUTES.profile)}>
      <View className='me__name'>{name}</View>
      <View className='me__tags'>
        <Tag plain background={BRAND}>
          {AFFILIATION_LABELS[affiliation]}
        </Tag>
        {me.roles.admin && <StatusTag tone='label'>区团委管理员</StatusTag>}
        {me.roles.leaderOf.length > 0 && <StatusTag tone='label'>网格长 · {me.roles.leaderOf.length} 个网格</StatusTag>}
      </View>
      <View className='muted'>{org || '未填写所在组织'} · 点此修改</View>
    </View>
  )
}

/** Joined grids, then the ones led but not joined (`account.me` names both). */
function MyGrids({ me }: { me: Me }) {
  const grids = [...me.grids, ...me.leading.filter((g) => !me.grids.some((j) => j.id === g.id))]
  if (grids.length === 0) {
    return (
      <Cell
        title='还没有加入网格'
        description='到网格现场扫海报码报到，就会加入那个网格；也可以先在网格目录里看看。'
        clickable
        onClick={go(ROUTES.grids)}
      />
    )
  }
  return (
    <Cell.Group>
      {grids.map((g) => (
        <Cell
          key={g.id}
          className='me__grid'
          title={g.name}
          extra={me.roles.leaderOf.includes(g.id) ? '网格长' : '查看'}
          clickable
          onClick={go(ROUTES.grid(g.id))}
        />
      ))}
    </Cell.Group>
  )
}

/** H5 only: the weapp has no 选择身份 page. */
function switchIdentity() {
  if (process.env.TARO_ENV !== 'weapp') {
    setToken(null)
    Taro.reLaunch({ url: LOGIN_ROUTE })
  }
}

export default function MePage() {
  const { data: me, loading, error, reload } = useMe()
  return (
    <View className='page me'>
      <PageState loading={loading} error={error} onRetry={reload} cards={2}>
        {me && (
          <>
            <ProfileCard me={me} />
            <View className='section-title'>我的网格</View>
            <MyGrids me={me} />
            {me.leading.length > 0 && <ManageCenter grids={me.leading} />}
            <View className='section-title'>更多</View>
            <Cell.Group>
              <Cell
                className='me__hours'
                title='志愿时长'
                description='今年的志愿服务时长、星级和志愿服务记录证明'
                clickable
                onClick={go(ROUTES.hoursMine)}
              />
              <Cell
                className='me__org'
                title='我的组织'
                description={
                  me.org ? `${me.org.name}${me.org.status === 'pending' ? '（待审核）' : ''}` : '加入你所在的团组织'
                }
                clickable
                onClick={go(ROUTES.org)}
              />
              <Cell title='网格目录' description='全区的网格和它们的「四个一」' clickable onClick={go(ROUTES.grids)} />
              {me.roles.admin && (
                <Cell
                  title='创建网格'
                  description='区团委管理员可以新建网格'
                  clickable
                  onClick={go(ROUTES.gridCreate)}
                />
              )}
              {me.roles.admin && (
                <Cell
                  title='网格一张图'
                  description='全区网格的考核数据、排名和导出'
                  clickable
                  onClick={go(ROUTES.overview)}
                />
              )}
              <Cell title='个人信息' clickable onClick={go(ROUTES.profile)} />
              <Cell
                title='输入邀请码'
                description='收到区团委的网格长邀请码？在这里填写'
                clickable
                onClick={go(ROUTES.enterInvite)}
              />
              <Cell title='报到记录' description='扫码报到和活动签到的记录' clickable onClick={go(ROUTES.checkins)} />
              {process.env.TARO_ENV !== 'weapp' && (
                <Cell title='切换身份' description='本地演示用：换一个身份进入' clickable onClick={switchIdentity} />
              )}
            </Cell.Group>
          </>
        )}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
