import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Cell, Input, Range, Switch, Tag, TextArea, Toast } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import type { Grid } from '../../../../types'
import { FourOnesBadges } from '../../../components/FourOnesBadges'
import { InvitePanel } from '../../../components/InvitePanel'
import { PageState } from '../../../components/PageState'
import { PickerField } from '../../../components/PickerField'
import { handleAuthError, useMe, useRemote } from '../../../hooks/useSession'
import { call, CallError, messageOf } from '../../../services/call'
import { qrDataUrl } from '../../../leader/utils/qr'
import { KIND_LABELS, ONLINE_KIND_LABELS, optionsOf } from '../../../utils/labels'
import { ROUTES } from '../../../utils/routes'
import { BRAND } from '../../../utils/theme'
import { currentPosition } from '../../../services/location'
import { showError, showSuccess, TOAST_ID } from '../../../utils/toast'
import { FieldError } from '../../components/FieldError'
import {
  coordinate,
  draftOf,
  localErrors,
  MAX_ONLINE,
  newOnlineRow,
  patchOf,
  RADIUS,
  type Draft,
  type OnlineRow,
} from '../../utils/gridDraft'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { ArchivePanel } from './ArchivePanel'
import { StatusTag } from '../../../components/StatusTag'
import './index.scss'

type Errors = Record<string, string>
type SetDraft = (change: Partial<Draft>) => void

const ONLINE_CHOICES = optionsOf(ONLINE_KIND_LABELS)
const inviteQr = (text: string) => qrDataUrl(text, 6, 2)

function Header({ grid }: { grid: Grid }) {
  return (
    <View className='card manage-head'>
      <View className='manage-head__name'>{grid.name}</View>
      <View className='manage-head__tags'>
        <Tag plain background={BRAND}>
          {KIND_LABELS[grid.kind]}
        </Tag>
        <StatusTag tone='label'>{grid.townName}</StatusTag>
        <Text className='muted'>成员 {grid.memberCount} 人</Text>
      </View>
      <FourOnesBadges fourOnes={grid.fourOnes} />
    </View>
  )
}

function Leaders({ grid, admin }: { grid: Grid; admin: boolean }) {
  return (
    <>
      <View className='section-title'>网格长</View>
      <Cell.Group>
        {grid.leaders.length ? (
          grid.leaders.map((l, i) => <Cell key={`${l.name}-${i}`} className='manage-leader' title={l.name} />)
        ) : (
          <Cell
            className='manage-leader--none'
            title='还没有网格长'
            description='邀请一位骨干担任网格长，四个一才算完整。'
          />
        )}
      </Cell.Group>
      {admin && <InvitePanel gridId={grid.id} qrOf={inviteQr} />}
    </>
  )
}

function BaseSection({ draft, set, errors }: { draft: Draft; set: SetDraft; errors: Errors }) {
  const [locating, setLocating] = useState(false)
  const locate = async () => {
    setLocating(true)
    try {
      // GCJ-02 on every platform (a browser's WGS-84 reading is converted), as the check-ins compare.
      const here = await currentPosition()
      set({ lat: coordinate(here.lat), lng: coordinate(here.lng) })
    } catch {
      showError('没能获取当前位置，请检查定位权限后再试')
    } finally {
      setLocating(false)
    }
  }
  return (
    <View className='card manage-form'>
      <View className='manage-form__title'>实体阵地</View>
      <View className='manage-form__label'>地址</View>
      <Input
        className='manage-address'
        placeholder='如：某某路 1 号青年之家'
        value={draft.address}
        maxLength={100}
        onChange={(address) => set({ address })}
      />
      <FieldError message={errors['base.address'] ?? errors.base} />
      <View className='manage-form__label'>位置（纬度、经度）</View>
      <View className='manage-form__coords'>
        <Input
          className='manage-lat'
          placeholder='纬度，如 30.2845'
          type='digit'
          value={draft.lat}
          onChange={(lat) => set({ lat })}
        />
        <Input
          className='manage-lng'
          placeholder='经度，如 120.1205'
          type='digit'
          value={draft.lng}
          onChange={(lng) => set({ lng })}
        />
      </View>
      <FieldError message={errors['base.lat'] ?? errors['base.lng']} />
      <Button className='manage-locate' size='small' fill='outline' type='primary' loading={locating} onClick={locate}>
        用当前位置
      </Button>
      <View className='manage-form__label'>报到范围：{draft.radiusM} 米</View>
      <Range
        className='manage-radius'
        min={RADIUS.min}
        max={RADIUS.max}
        step={RADIUS.step}
        value={draft.radiusM}
        currentDescription={null}
        onChange={(value) => set({ radiusM: Array.isArray(value) ? value[0] : value })}
      />
      <FieldError message={errors['base.radiusM']} />
      <View className='manage-form__switch'>
        <View className='manage-form__switch-text'>
          <View className='manage-form__switch-label'>报到时校验位置</View>
          <View className='muted'>开启后，青年须在阵地 {draft.radiusM} 米内才能扫码报到</View>
        </View>
        <Switch checked={draft.requireLocation} onChange={(requireLocation) => set({ requireLocation })} />
      </View>
      <FieldError message={errors.requireLocation} />
    </View>
  )
}

function OnlineSection({ draft, set, errors }: { draft: Draft; set: SetDraft; errors: Errors }) {
  const change = (key: number, patch: Partial<OnlineRow>) =>
    set({ online: draft.online.map((o) => (o.key === key ? { ...o, ...patch } : o)) })
  return (
    <View className='card manage-form'>
      <View className='manage-form__title'>网络阵地</View>
      {draft.online.length === 0 && <View className='muted'>还没有网络阵地，添加一个微信群、QQ 群或公众号。</View>}
      {draft.online.map((o, i) => (
        <View className='manage-online' key={o.key}>
          <View className='manage-online__row'>
            <View className='manage-online__kind'>
              <PickerField
                title='网络阵地类型'
                placeholder='类型'
                choices={ONLINE_CHOICES}
                value={o.kind}
                onChange={(kind) => change(o.key, { kind: kind as OnlineRow['kind'] })}
              />
            </View>
            <Input
              className='manage-online__value'
              placeholder='群名、账号或网址'
              value={o.value}
              maxLength={100}
              onChange={(value) => change(o.key, { value })}
            />
            <Button
              className='manage-online__remove'
              size='small'
              fill='none'
              onClick={() => set({ online: draft.online.filter((x) => x.key !== o.key) })}
            >
              删除
            </Button>
          </View>
          <FieldError message={errors[`online.${i}.value`] ?? errors[`online.${i}.kind`]} />
        </View>
      ))}
      <FieldError message={errors.online} />
      {draft.online.length < MAX_ONLINE && (
        <Button
          className='manage-online__add'
          size='small'
          fill='outline'
          onClick={() => set({ online: [...draft.online, newOnlineRow()] })}
        >
          添加网络阵地
        </Button>
      )}
    </View>
  )
}

function ProjectSection({ draft, set, errors }: { draft: Draft; set: SetDraft; errors: Errors }) {
  return (
    <View className='card manage-form'>
      <View className='manage-form__title'>网格项目</View>
      <View className='manage-form__label'>项目名称</View>
      <Input
        className='manage-project-name'
        placeholder='如：乐创汇创业沙龙'
        value={draft.projectName}
        maxLength={30}
        onChange={(projectName) => set({ projectName })}
      />
      <FieldError message={errors['project.name'] ?? errors.project} />
      <View className='manage-form__label'>项目简介</View>
      <TextArea
        className='manage-project-summary'
        placeholder='一两句话说明项目做什么'
        value={draft.projectSummary}
        maxLength={200}
        showCount
        onChange={(projectSummary) => set({ projectSummary })}
      />
      <FieldError message={errors['project.summary']} />
    </View>
  )
}

function Editor({ grid, onSaved }: { grid: Grid; onSaved: (grid: Grid) => void }) {
  const [draft, setDraft] = useState(() => draftOf(grid))
  const [errors, setErrors] = useState<Errors>({})
  const [saving, setSaving] = useState(false)
  useEffect(() => setDraft(draftOf(grid)), [grid])
  const set: SetDraft = (change) => setDraft((d) => ({ ...d, ...change }))

  const save = async () => {
    const local = localErrors(draft)
    setErrors(local)
    if (Object.keys(local).length) return showError('请先改正标红的内容')
    setSaving(true)
    try {
      const saved = await call('grids.update', patchOf(grid.id, draft))
      showSuccess('已保存')
      onSaved(saved)
    } catch (err) {
      handleAuthError(err)
      if (err instanceof CallError && err.fields) setErrors(err.fields)
      showError(err instanceof CallError && err.fields ? '请先改正标红的内容' : messageOf(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <>
      <View className='section-title'>四个一</View>
      <BaseSection draft={draft} set={set} errors={errors} />
      <OnlineSection draft={draft} set={set} errors={errors} />
      <ProjectSection draft={draft} set={set} errors={errors} />
      <Button className='manage-save' type='primary' block loading={saving} onClick={save}>
        保存四个一
      </Button>
    </>
  )
}

export default function GridManagePage() {
  const { params } = useRouter()
  const gridId = params.id ? decodeURIComponent(params.id) : ''
  const me = useMe()
  const remote = useRemote(
    () => (gridId ? call('grids.get', { gridId }) : Promise.reject(new Error('没有指定网格'))),
    [gridId],
  )
  const [saved, setSaved] = useState<Grid | null>(null)
  const grid = saved ?? remote.data

  if (!gridId) {
    return (
      <View className='page'>
        <Empty title='没有指定网格' description='请从网格一张图里选一个网格。'>
          <Button type='primary' onClick={() => Taro.redirectTo({ url: ROUTES.overview })}>
            去网格一张图
          </Button>
        </Empty>
      </View>
    )
  }

  const retry = () => {
    me.reload()
    remote.reload()
  }
  return (
    <View className='page manage'>
      <PageState loading={me.loading || remote.loading} error={me.error ?? remote.error} onRetry={retry} cards={3}>
        {grid && !grid.canManage ? (
          <Empty title='你不能管理这个网格' description='只有这个网格的网格长和区团委管理员可以编辑。' />
        ) : (
          grid && (
            <>
              <Header grid={grid} />
              <Leaders grid={grid} admin={Boolean(me.data?.roles.admin)} />
              <Editor grid={grid} onSaved={setSaved} />
              {me.data?.roles.admin && <ArchivePanel grid={grid} onChanged={setSaved} />}
            </>
          )
        )}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
