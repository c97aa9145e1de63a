import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Form, Input, Toast } from '@nutui/nutui-react-taro'
import type { SummonDetail } from '../../../../types'
import type { UpdateSummonReq } from '../../../../types/api'
import { Empty } from '../../../components/Empty'
import { PageState } from '../../../components/PageState'
import { TimePlaceFields } from '../../../components/summons/TimePlaceFields'
import { useAction } from '../../../hooks/useAction'
import { useRemote } from '../../../hooks/useSession'
import { useServerErrors } from '../../../hooks/useServerErrors'
import { call } from '../../../services/call'
import { numberCheck, numberOrUndefined, ruleOf, type Check } from '../../../utils/rules'
import { SUMMON_ROUTES } from '../../../utils/summons'
import { showInfo, showSuccess, TOAST_ID } from '../../../utils/toast'

const FIELDS = ['place', 'startAt', 'endAt', 'signUpDeadline', 'capacity'] as const

interface EditValues {
  place: string
  startAt: string
  endAt: string
  signUpDeadline: string
  capacity: string
}

const valuesOf = (s: SummonDetail): EditValues => ({
  place: s.place,
  startAt: s.startAt,
  endAt: s.endAt,
  signUpDeadline: s.signUpDeadline ?? '',
  capacity: s.capacity === null ? '' : String(s.capacity),
})

/** Only what the leader changed: an emptied deadline or capacity is sent as `null` (cleared). */
export function editRequest(summon: SummonDetail, v: EditValues): UpdateSummonReq {
  const req: UpdateSummonReq = { summonId: summon.id }
  const place = (v.place ?? '').trim()
  if (place !== summon.place) req.place = place
  if (v.startAt !== summon.startAt) req.startAt = v.startAt
  if (v.endAt !== summon.endAt) req.endAt = v.endAt
  const deadline = v.signUpDeadline || null
  if (deadline !== summon.signUpDeadline) req.signUpDeadline = deadline
  const capacity = numberOrUndefined(v.capacity) ?? null
  if (capacity !== summon.capacity) req.capacity = capacity
  return req
}

function EditForm({ summon }: { summon: SummonDetail }) {
  const [form] = Form.useForm()
  const server = useServerErrors(form, (path) => ((FIELDS as readonly string[]).includes(path) ? path : null))
  const [saving, run] = useAction({ fields: server })
  const rules = (name: keyof EditValues, ...checks: Check[]) => [...checks.map(ruleOf), server.serverRule(name)]

  const save = async (values: EditValues) => {
    const req = editRequest(summon, values)
    if (Object.keys(req).length === 1) {
      showInfo('没有改动')
      return
    }
    await run(async () => {
      const saved = await call('summons.update', req)
      const told = saved.notified ? `，已通知 ${saved.notified} 位报名的青年` : ''
      const promoted = saved.promoted ? `，${saved.promoted} 位候补已转为报名` : ''
      showSuccess(`已保存${promoted}${told}`)
      setTimeout(() => Taro.redirectTo({ url: SUMMON_ROUTES.detail(summon.id) }), 800)
    })
  }

  const { confirmed, waitlisted } = summon.counts
  return (
    <Form
      form={form}
      initialValues={valuesOf(summon)}
      labelPosition='top'
      onFinish={save}
      footer={
        <Button type='primary' block loading={saving} onClick={() => form.submit()}>
          保存修改
        </Button>
      }
    >
      <TimePlaceFields
        form={form}
        rules={rules}
        changed={server.changed}
        published={{ startAt: summon.startAt, started: summon.state === 'live' }}
      />
      <Form.Item
        label={`人数上限（已报名 ${confirmed} 人${waitlisted ? `，候补 ${waitlisted} 人` : ''}）`}
        name='capacity'
        rules={rules('capacity', numberCheck(1, 10000, true))}
      >
        <Input placeholder='不填为不限人数；调高后候补的青年会自动转为报名' type='number' maxLength={5} />
      </Form.Item>
    </Form>
  )
}

/** 编辑召集令: time, place and capacity of a published summon (`?id=…`), for its leaders. */
export function SummonEdit({ summonId }: { summonId: string }) {
  const summon = useRemote(() => call('summons.get', { summonId }), [summonId])
  const s = summon.data
  const editable = s && s.canManage && s.state !== 'ended' && s.state !== 'withdrawn'
  return (
    <View className='page publish'>
      <PageState loading={summon.loading} error={summon.error} onRetry={summon.reload} cards={2}>
        {s && !editable ? (
          <Empty
            title={s.canManage ? '这条召集令已结束或已撤回，不能再修改' : '只有发布这条召集令的网格长可以修改'}
            description='有问题可以联系区团委。'
          />
        ) : s ? (
          <>
            <View className='muted publish__preview-note'>
              修改「{s.title}」：改了时间或地点，已报名和候补的青年都会收到通知。
            </View>
            <EditForm summon={s} />
          </>
        ) : null}
      </PageState>
      <Toast id={TOAST_ID} />
    </View>
  )
}
