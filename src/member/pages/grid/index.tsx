import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button, Cell, Tag, Toast } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import type { Grid } from '../../../../types'
import { FollowGrid } from '../../../components/FollowGrid'
import { FourOnesBadges } from '../../../components/FourOnesBadges'
import { InvitePanel } from '../../../components/InvitePanel'
import { LoadingCards, PageState } from '../../../components/PageState'
import { useMe, useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { KIND_LABELS, ONLINE_KIND_LABELS } from '../../../utils/labels'
import { ROUTES } from '../../../utils/routes'
import { TOAST_ID } from '../../../utils/toast'
import { BRAND } from '../../../utils/theme'
import { StatusTag } from '../../../components/StatusTag'
import { FOUR_ONES_TONE, MEMBERSHIP_TONE } from '../../../utils/status-colours'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import shareImage from '../../assets/share/grid.png'
import { openPlace } from '../../../services/map'
import './index.scss'

function Mark({ ok }: { ok: boolean }) {
  return <StatusTag tone={FOUR_ONES_TONE[ok ? 'present' : 'missing']}>{ok ? '已有' : '缺'}</StatusTag>
}

function Header({ grid }: { grid: Grid }) {
  return (
    <View className='card grid-head'>
      <View className='grid-head__name'>{grid.name}</View>
      <View className='grid-head__tags'>
        <Tag plain background={BRAND}>
          {KIND_LABELS[grid.kind]}
        </Tag>
        <StatusTag tone='label'>{grid.townName}</StatusTag>
        {grid.isMember && <StatusTag tone={MEMBERSHIP_TONE.member}>你已加入</StatusTag>}
        {grid.canManage && <StatusTag tone='label'>你可以管理</StatusTag>}
      </View>
      <View className='muted grid-head__members'>成员 {grid.memberCount} 人</View>
      <FourOnesBadges fourOnes={grid.fourOnes} />
    </View>
  )
}

function FourOnesDetails({ grid }: { grid: Grid }) {
  const { base, online, project, leaders, fourOnes } = grid
  const located = base.lat !== undefined && base.lng !== undefined
  return (
    <Cell.Group className='grid-four'>
      <Cell
        title='网格长'
        description={leaders.length ? leaders.map((l) => l.name).join('、') : '还没有网格长，等待区团委邀请'}
        extra={<Mark ok={fourOnes.leader} />}
      />
      <Cell
        className='grid-four__base'
        title='实体阵地'
        description={
          base.address
            ? `${base.address}${located ? `（报到范围 ${base.radiusM ?? 300} 米）` : ''}`
            : '还没有填写阵地地址'
        }
        extra={<Mark ok={fourOnes.physicalBase} />}
        clickable={located}
        onClick={
          located
            ? () => void openPlace({ lat: base.lat!, lng: base.lng!, name: grid.name, address: base.address })
            : undefined
        }
      />
      <Cell
        title='网络阵地'
        description={
          online.length ? online.map((o) => `${ONLINE_KIND_LABELS[o.kind]}：${o.value}`).join('\n') : '还没有网络阵地'
        }
        extra={<Mark ok={fourOnes.onlineBase} />}
      />
      <Cell
        title='网格项目'
        description={project ? `${project.name}${project.summary ? `：${project.summary}` : ''}` : '还没有网格项目'}
        extra={<Mark ok={fourOnes.project} />}
      />
    </Cell.Group>
  )
}

function PosterCode({ gridId }: { gridId: string }) {
  const poster = useRemote(() => call('grids.posterCode', { gridId }), [gridId])
  return (
    <View className='card poster'>
      <View className='poster__title'>报到海报码</View>
      <View className='muted'>打印出来贴在阵地，青年用微信扫一扫就能报到并加入这个网格。这个码长期有效。</View>
      {poster.loading ? (
        <LoadingCards count={1} />
      ) : poster.error ? (
        <Empty size='small' status='error' description={poster.error} />
      ) : poster.data?.image ? (
        <View className='poster__body'>
          {/* A square code in a square box: Taro H5's aspectFit places the image off-centre (cut in half). */}
          <Image className='poster__image' src={poster.data.image} mode='scaleToFill' showMenuByLongpress />
          <Text className='poster__scene muted' userSelect>
            {poster.data.scene}
          </Text>
        </View>
      ) : (
        <View className='poster__body muted'>暂时没能生成图片，码的内容：{poster.data?.scene}</View>
      )}
      <Button block fill='outline' type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.poster(gridId) })}>
        打印报到海报
      </Button>
    </View>
  )
}

function GridView({ grid, admin }: { grid: Grid; admin: boolean }) {
  return (
    <>
      <Header grid={grid} />
      <View className='section-title'>四个一</View>
      <FourOnesDetails grid={grid} />
      <View className='muted grid-location'>
        {grid.requireLocation
          ? `报到时需要开启定位，并在阵地 ${grid.base.radiusM ?? 300} 米范围内。`
          : '扫码报到不需要定位。'}
      </View>
      <FollowGrid gridId={grid.id} />
      {grid.canManage && <PosterCode gridId={grid.id} />}
      {admin && <InvitePanel gridId={grid.id} />}
    </>
  )
}

export default function GridPage() {
  const { params } = useRouter()
  const gridId = params.id ? decodeURIComponent(params.id) : ''
  const grid = useRemote(
    () => (gridId ? call('grids.get', { gridId }) : Promise.reject(new Error('没有指定网格'))),
    [gridId],
    true,
  )
  const me = useMe()

  useShareAppMessage(() => ({
    title: grid.data ? `网格：${grid.data.name} · 扫码报到、关注动态` : '二维报到 · 网格',
    path: ROUTES.grid(gridId),
    imageUrl: shareImage,
  }))

  if (!gridId) {
    return (
      <View className='page'>
        <Empty title='没有指定网格' description='请从网格目录里选一个网格。'>
          <Button type='primary' onClick={() => Taro.redirectTo({ url: ROUTES.grids })}>
            去网格目录
          </Button>
        </Empty>
      </View>
    )
  }

  return (
    <View className='page grid'>
      <PageState loading={grid.loading} error={grid.error} onRetry={grid.reload} cards={3}>
        {grid.data && <GridView grid={grid.data} admin={me.data?.roles.admin ?? false} />}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
