import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Form, Input, Radio, Switch, TextArea, Toast } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import type { GridInput } from '../../../../types/api'
import type { Grid, GridKind, OnlineKind, Town } from '../../../../types'
import { GridCard } from '../../../components/GridCard'
import { InvitePanel } from '../../../components/InvitePanel'
import { PageState } from '../../../components/PageState'
import { PickerField } from '../../../components/PickerField'
import { handleAuthError, useMe, useRemote } from '../../../hooks/useSession'
import { useServerErrors } from '../../../hooks/useServerErrors'
import { call, CallError, messageOf } from '../../../services/call'
import { KIND_LABELS, ONLINE_KIND_LABELS, optionsOf } from '../../../utils/labels'
import { ROUTES } from '../../../utils/routes'
import {
  numberCheck,
  numberOrUndefined,
  requiredCheck,
  ruleOf,
  textCheck,
  textOrUndefined,
  type Check,
} from '../../../utils/rules'
import { showError, showSuccess, TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import './index.scss'

interface Values {
  name: string
  townId: string
  kind: GridKind
  address: string
  lat: string
  lng: string
  radiusM: string
  onlineKind: OnlineKind
  onlineValue: string
  projectName: string
  projectSummary: string
  requireLocation: boolean
}

const INITIAL: Partial<Values> = {
  kind: 'community',
  radiusM: '300',
  onlineKind: 'wechat_group',
  requireLocation: false,
}

/** Server field paths → the fields of this form. */
const FIELD_OF_PATH: Record<string, keyof Values> = {
  name: 'name',
  townId: 'townId',
  kind: 'kind',
  base: 'address',
  'base.address': 'address',
  'base.lat': 'lat',
  'base.lng': 'lng',
  'base.radiusM': 'radiusM',
  'online.0.kind': 'onlineKind',
  'online.0.value': 'onlineValue',
  'project.name': 'projectName',
  'project.summary': 'projectSummary',
  requireLocation: 'requireLocation',
}
const fieldOfPath = (path: string) => FIELD_OF_PATH[path] ?? null

function toInput(v: Values): GridInput {
  const lat = numberOrUndefined(v.lat)
  const lng = numberOrUndefined(v.lng)
  const onlineValue = textOrUndefined(v.onlineValue)
  const projectName = textOrUndefined(v.projectName)
  return {
    name: v.name.trim(),
    townId: v.townId,
    kind: v.kind,
    base: {
      address: (v.address ?? '').trim(),
      ...(lat !== undefined ? { lat } : {}),
      ...(lng !== undefined ? { lng } : {}),
      radiusM: numberOrUndefined(v.radiusM) ?? 300,
    },
    ...(onlineValue ? { online: [{ kind: v.onlineKind, value: onlineValue }] } : {}),
    ...(projectName ? { project: { name: projectName, summary: (v.projectSummary ?? '').trim() } } : {}),
    requireLocation: Boolean(v.requireLocation),
  }
}

type FormApi = ReturnType<typeof Form.useForm>[0]

/** Checks that need another field's value. */
function crossChecks(form: FormApi) {
  const filled = (name: keyof Values) => Boolean(String(form.getFieldValue(name) ?? '').trim())
  const pairCheck: Check = () => (filled('lat') !== filled('lng') ? '经纬度要一起填写' : null)
  const locationCheck: Check = (on) =>
    on && !(filled('lat') && filled('lng')) ? '开启位置校验需要先填写阵地的经纬度' : null
  const summaryCheck: Check = (value) =>
    String(value ?? '').trim() && !filled('projectName') ? '请先填写项目名称' : null
  return { pairCheck, locationCheck, summaryCheck }
}

function CreateForm({ towns, onCreated }: { towns: Town[]; onCreated: (grid: Grid) => void }) {
  const [form] = Form.useForm()
  const [saving, setSaving] = useState(false)
  const server = useServerErrors(form, fieldOfPath)
  const { pairCheck, locationCheck, summaryCheck } = crossChecks(form)
  const rules = (name: keyof Values, ...checks: Check[]) => [...checks.map(ruleOf), server.serverRule(name)]

  const submit = async (values: Values) => {
    setSaving(true)
    server.clear()
    try {
      const grid = await call('grids.create', toInput(values))
      showSuccess('网格已创建')
      onCreated(grid)
    } catch (err) {
      handleAuthError(err)
      const unplaced = err instanceof CallError && err.code === 'BAD_REQUEST' ? server.show(err.fields) : null
      if (!unplaced || unplaced.length) showError(messageOf(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Form
      form={form}
      initialValues={INITIAL}
      labelPosition='top'
      onFinish={submit}
      footer={
        <Button type='primary' block loading={saving} onClick={() => form.submit()}>
          创建网格
        </Button>
      }
    >
      <Form.Item label='网格名称' name='name' required rules={rules('name', textCheck(2, 30))}>
        <Input placeholder='如：莲花商圈楼宇网格，2–30 个字' maxLength={30} clearable />
      </Form.Item>
      <Form.Item label='所属镇街' name='townId' required rules={rules('townId', requiredCheck('请选择镇街'))}>
        <PickerField
          title='选择镇街'
          placeholder='请选择镇街'
          choices={towns.map((t) => ({ value: t.id, label: t.name }))}
        />
      </Form.Item>
      <Form.Item label='网格类型' name='kind' required rules={rules('kind')}>
        <Radio.Group direction='horizontal' className='create__kinds'>
          {optionsOf(KIND_LABELS).map((o) => (
            <Radio key={o.value} value={o.value} shape='button'>
              {o.label}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>

      <Form.Item label='实体阵地地址' name='address' required rules={rules('address', textCheck(1, 100))}>
        <Input placeholder='如：某某路 1 号青年之家' maxLength={100} clearable />
      </Form.Item>
      <Form.Item label='纬度（选填）' name='lat' rules={rules('lat', numberCheck(-90, 90), pairCheck)}>
        <Input placeholder='如：30.2845' type='digit' />
      </Form.Item>
      <Form.Item label='经度（选填）' name='lng' rules={rules('lng', numberCheck(-180, 180), pairCheck)}>
        <Input placeholder='如：120.1205' type='digit' />
      </Form.Item>
      <Form.Item label='报到范围（米）' name='radiusM' rules={rules('radiusM', numberCheck(50, 3000, true))}>
        <Input placeholder='50–3000，默认 300' type='number' maxLength={4} />
      </Form.Item>
      <Form.Item
        label='报到时校验位置'
        name='requireLocation'
        valuePropName='checked'
        rules={rules('requireLocation', locationCheck)}
      >
        <Switch />
      </Form.Item>

      <Form.Item label='网络阵地类型' name='onlineKind' rules={rules('onlineKind')}>
        <PickerField title='网络阵地类型' placeholder='请选择' choices={optionsOf(ONLINE_KIND_LABELS)} />
      </Form.Item>
      <Form.Item label='网络阵地名称（选填）' name='onlineValue' rules={rules('onlineValue', textCheck(0, 100))}>
        <Input placeholder='如：莲花商圈青年群' maxLength={100} clearable />
      </Form.Item>

      <Form.Item label='网格项目名称（选填）' name='projectName' rules={rules('projectName', textCheck(0, 30))}>
        <Input placeholder='如：乐创汇创业沙龙' maxLength={30} clearable />
      </Form.Item>
      <Form.Item
        label='项目简介（选填）'
        name='projectSummary'
        rules={rules('projectSummary', textCheck(0, 200), summaryCheck)}
      >
        <TextArea placeholder='一两句话说明项目做什么' maxLength={200} showCount />
      </Form.Item>
    </Form>
  )
}

function Created({ grid, onAgain }: { grid: Grid; onAgain: () => void }) {
  return (
    <View>
      <View className='section-title'>网格已创建</View>
      <GridCard grid={grid} townName={grid.townName} />
      <InvitePanel gridId={grid.id} />
      <Button className='create__again' block onClick={() => Taro.navigateTo({ url: ROUTES.grid(grid.id) })}>
        查看网格页
      </Button>
      <Button className='create__again' block fill='none' onClick={onAgain}>
        再创建一个网格
      </Button>
    </View>
  )
}

export default function GridCreatePage() {
  const me = useMe()
  const towns = useRemote(() => call('grids.towns', {}), [])
  const [created, setCreated] = useState<Grid | null>(null)

  const loading = me.loading || towns.loading
  const error = me.error ?? towns.error
  const retry = () => {
    me.reload()
    towns.reload()
  }

  return (
    <View className='page create'>
      <PageState loading={loading} error={error} onRetry={retry} cards={2}>
        {me.data && !me.data.roles.admin ? (
          <Empty title='只有区团委管理员可以创建网格' description='如需新建网格，请联系区团委。' />
        ) : created ? (
          <Created grid={created} onAgain={() => setCreated(null)} />
        ) : (
          towns.data && <CreateForm towns={towns.data} onCreated={setCreated} />
        )}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
