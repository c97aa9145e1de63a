import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button, Input, Range, Switch, TextArea } from '@nutui/nutui-react-taro'
import { PickerField } from '../../../components/PickerField'
import { currentPosition } from '../../../services/location'
import { ONLINE_KIND_LABELS, optionsOf } from '../../../utils/labels'
import { showError } from '../../../utils/toast'
import { FieldError } from '../../components/FieldError'
import { coordinate, MAX_ONLINE, newOnlineRow, RADIUS, type Draft, type OnlineRow } from '../../utils/gridDraft'

export type Errors = Record<string, string>
export type SetDraft = (change: Partial<Draft>) => void
interface SectionProps {
  draft: Draft
  set: SetDraft
  errors: Errors
}

const ONLINE_CHOICES = optionsOf(ONLINE_KIND_LABELS)

/** 实体阵地: address, position, check-in radius and whether check-ins check it. */
export function BaseSection({ draft, set, errors }: SectionProps) {
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

/** 网络阵地: up to five groups, accounts or sites. */
export function OnlineSection({ draft, set, errors }: SectionProps) {
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

/** 网格项目: its name and a short summary. */
export function ProjectSection({ draft, set, errors }: SectionProps) {
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
