import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Form, Input, Radio, TextArea, Toast } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import type { PublishSummonReq } from '../../../../types/api'
import type { GridSummary, Me } from '../../../../types'
import { HOUR_MS, summonTimeErrors, type SummonTimeField } from '../../../../types/rules'
import { PageState } from '../../../components/PageState'
import { PickerField, type Choice } from '../../../components/PickerField'
import { DateTimeField } from '../../../components/summons/DateTimeField'
import { SummonFacts, SummonHeader, type SummonFactsInput } from '../../../components/summons/SummonFacts'
import { TagsField } from '../../../components/summons/TagsField'
import { handleAuthError, useMe, useRemote } from '../../../hooks/useSession'
import { useServerErrors } from '../../../hooks/useServerErrors'
import { call, CallError, messageOf } from '../../../services/call'
import { numberCheck, numberOrUndefined, requiredCheck, ruleOf, textCheck, type Check } from '../../../utils/rules'
import { beijingAt, DISTRICT_LABEL, SUMMON_ROUTES } from '../../../utils/summons'
import { showError, showSuccess, TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { SummonEdit } from './EditForm'
import './index.scss'

/** The grid choice that means "district-wide" (admins only). */
const DISTRICT = 'district'
const TIME_FIELDS: SummonTimeField[] = ['startAt', 'endAt', 'signUpDeadline']

interface Values {
  grid: string
  title: string
  body: string
  place: string
  startAt: string
  endAt: string
  signUpDeadline: string
  capacity: string
  tags: string[]
  /** 志愿服务 (credits volunteer hours) or a meeting / 团建 (credits none). */
  kind: SummonKind
  hours: string
}

type SummonKind = 'service' | 'meeting'
const KIND_CHOICES: { value: SummonKind; label: string }[] = [
  { value: 'service', label: '志愿服务 · 计入志愿时长' },
  { value: 'meeting', label: '会议 · 团建（不计时长）' },
]

/** Half hours, like the credited hours: 2 or 1.5, not 1.25. */
const halfHourCheck: Check = (value) => {
  const raw = String(value ?? '').trim()
  if (!raw) return '志愿服务请填写时长'
  const n = Number(raw)
  if (!Number.isFinite(n)) return '请填写数字'
  if (n <= 0) return '志愿时长要大于 0'
  if (n > 24) return '不能大于 24'
  return Number.isInteger(n * 2) ? null : '请按半小时填写，如 2 或 1.5'
}

/** Server field paths → the fields of this form (`tags.2` → `tags`). */
const fieldOfPath = (path: string): string | null => {
  const head = path.split('.')[0]
  if (head === 'gridId') return 'grid'
  return ['title', 'body', 'place', 'startAt', 'endAt', 'signUpDeadline', 'capacity', 'tags', 'hours'].includes(head)
    ? head
    : null
}

/** The grids this user may publish for: the grids they lead; admins may also publish district-wide. */
function gridChoices(me: Me, grids: GridSummary[]): Choice[] {
  const mine = me.roles.admin ? grids : grids.filter((g) => me.roles.leaderOf.includes(g.id))
  const choices = mine.map((g) => ({ value: g.id, label: g.name }))
  return me.roles.admin ? [{ value: DISTRICT, label: DISTRICT_LABEL }, ...choices] : choices
}

function toRequest(v: Values): PublishSummonReq {
  const capacity = numberOrUndefined(v.capacity)
  const hours = v.kind === 'service' ? numberOrUndefined(v.hours) : undefined
  return {
    ...(v.grid !== DISTRICT ? { gridId: v.grid } : {}),
    title: (v.title ?? '').trim(),
    body: (v.body ?? '').trim(),
    place: (v.place ?? '').trim(),
    startAt: v.startAt,
    endAt: v.endAt,
    ...(v.signUpDeadline ? { signUpDeadline: v.signUpDeadline } : {}),
    ...(capacity !== undefined ? { capacity } : {}),
    ...(v.tags?.length ? { tags: v.tags } : {}),
    ...(hours !== undefined ? { hours } : {}),
  }
}

function previewOf(v: Values, choices: Choice[]): SummonFactsInput {
  const req = toRequest(v)
  return {
    gridId: req.gridId ?? null,
    gridName: choices.find((c) => c.value === v.grid)?.label ?? '',
    title: req.title,
    body: req.body,
    place: req.place,
    startAt: req.startAt,
    endAt: req.endAt,
    signUpDeadline: req.signUpDeadline ?? null,
    capacity: req.capacity ?? null,
    tags: req.tags ?? [],
    hours: req.hours ?? 0,
    state: 'open',
  }
}

const filled: Check = (value) => (String(value ?? '').trim() ? null : '不能为空')

/** Opened by 据此发布召集令 on a finalized plan: `?planId=…&gridId=…&title=…` prefill the form. */
interface FromPlan {
  planId: string
  gridId?: string
  title?: string
}

/** A query value as written (Taro may hand it over encoded or already decoded). */
const queryValue = (value?: string): string | undefined => {
  if (!value) return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function usePlanParams(): FromPlan | null {
  const { params } = useRouter()
  const planId = queryValue(params.planId)
  return planId ? { planId, gridId: queryValue(params.gridId), title: queryValue(params.title) } : null
}

/** Opened from an organisation's 组织管理 with `?orgId=…`: a 二维召集令 of that organisation. */
function useOrgParam(): string | undefined {
  const { params } = useRouter()
  return queryValue(params.orgId)
}

/** A secretary's 二维召集令 goes to any grid their members serve in, or district-wide. */
const orgChoices = (grids: GridSummary[]): Choice[] => [
  { value: DISTRICT, label: DISTRICT_LABEL },
  ...grids.map((g) => ({ value: g.id, label: g.name })),
]

function PublishForm({ choices, fromPlan, orgId }: { choices: Choice[]; fromPlan: FromPlan | null; orgId?: string }) {
  const [form] = Form.useForm()
  const [preview, setPreview] = useState<Values | null>(null)
  const [publishing, setPublishing] = useState(false)
  const server = useServerErrors(form, fieldOfPath)
  const rules = (name: keyof Values, ...checks: Check[]) => [...checks.map(ruleOf), server.serverRule(name)]
  /** The server's own rule on the times (types/rules.ts), checked on the form's current values. */
  const timeCheck =
    (name: SummonTimeField): Check =>
    () => {
      const v = form.getFieldsValue(true) as Partial<Values>
      const times = { startAt: v.startAt, endAt: v.endAt, signUpDeadline: v.signUpDeadline || undefined }
      return summonTimeErrors(times, new Date())[name] ?? null
    }
  /**
   * A picked time can fix (or break) the other two: the server's messages on the times go, and the other
   * times are checked again at once (the picked one is checked by the form itself).
   */
  const timePicked = (name: SummonTimeField) => {
    server.changed(TIME_FIELDS)
    void form.validateFields(TIME_FIELDS.filter((n) => n !== name)).catch(() => undefined)
  }

  const initial: Partial<Values> = {
    grid: choices.find((c) => c.value === fromPlan?.gridId)?.value ?? choices[0]?.value,
    ...(fromPlan?.title ? { title: fromPlan.title } : {}),
    startAt: beijingAt(1, 14),
    endAt: beijingAt(1, 16),
    signUpDeadline: '',
    tags: [],
    kind: 'meeting',
  }
  const [kind, setKind] = useState<SummonKind>('meeting')

  // A new start that leaves the end before it moves the end to two hours later.
  const moveEnd = (start: string) => {
    const end = form.getFieldValue('endAt') as string | undefined
    if (!end || end <= start) {
      form.setFieldsValue({ endAt: new Date(Date.parse(start) + 2 * HOUR_MS).toISOString() })
    }
  }

  const publish = async (values: Values) => {
    setPublishing(true)
    server.clear()
    try {
      const summon = await call('summons.publish', {
        ...toRequest(values),
        ...(fromPlan ? { planId: fromPlan.planId } : {}),
        ...(orgId ? { orgId } : {}),
      })
      showSuccess('已发布')
      setTimeout(() => Taro.redirectTo({ url: SUMMON_ROUTES.detail(summon.id) }), 800)
    } catch (err) {
      handleAuthError(err)
      setPreview(null)
      const unplaced = err instanceof CallError && err.code === 'BAD_REQUEST' ? server.show(err.fields) : null
      if (!unplaced || unplaced.length) showError(messageOf(err))
    } finally {
      setPublishing(false)
    }
  }

  return (
    <>
      {preview && (
        <View className='publish__preview'>
          <View className='muted publish__preview-note'>预览：青年看到的召集令就是这样。确认无误后发布。</View>
          <SummonHeader summon={previewOf(preview, choices)} />
          <SummonFacts summon={previewOf(preview, choices)} />
          <View className='publish__actions'>
            <Button disabled={publishing} onClick={() => setPreview(null)}>
              返回修改
            </Button>
            <Button type='primary' loading={publishing} onClick={() => publish(preview)}>
              确认发布
            </Button>
          </View>
        </View>
      )}
      <View className={preview ? 'publish__form--hidden' : 'publish__form'}>
        <Form
          form={form}
          initialValues={initial}
          labelPosition='top'
          onFinish={(values: Values) => setPreview(values)}
          footer={
            <Button type='primary' block onClick={() => form.submit()}>
              预览
            </Button>
          }
        >
          <Form.Item label='发布到' name='grid' required rules={rules('grid', requiredCheck('请选择网格'))}>
            <PickerField title='发布到' placeholder='请选择网格' choices={choices} />
          </Form.Item>
          <Form.Item label='标题' name='title' required rules={rules('title', filled, textCheck(0, 40))}>
            <Input placeholder='2–40 个字，如：乐创汇创业沙龙 · 第 13 期' maxLength={40} clearable />
          </Form.Item>
          <Form.Item label='活动介绍（选填）' name='body' rules={rules('body', textCheck(0, 2000))}>
            <TextArea placeholder='做什么、需要带什么、怎么集合' maxLength={2000} showCount autoSize />
          </Form.Item>
          <Form.Item label='地点' name='place' required rules={rules('place', filled, textCheck(0, 60))}>
            <Input placeholder='如：莲花商务中心 1 楼青年之家' maxLength={60} clearable />
          </Form.Item>
          <Form.Item
            label='开始时间'
            name='startAt'
            required
            rules={rules('startAt', requiredCheck('请选择开始时间'), timeCheck('startAt'))}
          >
            <DateTimeField
              title='开始时间'
              placeholder='请选择'
              onPicked={(start) => {
                moveEnd(start)
                timePicked('startAt')
              }}
            />
          </Form.Item>
          <Form.Item
            label='结束时间'
            name='endAt'
            required
            rules={rules('endAt', requiredCheck('请选择结束时间'), timeCheck('endAt'))}
          >
            <DateTimeField title='结束时间' placeholder='请选择' onPicked={() => timePicked('endAt')} />
          </Form.Item>
          <Form.Item
            label='报名截止（选填）'
            name='signUpDeadline'
            rules={rules('signUpDeadline', timeCheck('signUpDeadline'))}
          >
            <DateTimeField
              title='报名截止'
              placeholder='不填则活动开始前都可以报名'
              clearable
              onPicked={() => timePicked('signUpDeadline')}
            />
          </Form.Item>
          <Form.Item label='人数上限（选填）' name='capacity' rules={rules('capacity', numberCheck(1, 10000, true))}>
            <Input placeholder='不填为不限人数；报满后可以候补' type='number' maxLength={5} />
          </Form.Item>
          <Form.Item label='圈子标签（选填，最多 5 个）' name='tags' rules={rules('tags')}>
            <TagsField />
          </Form.Item>
          <Form.Item label='活动类型' name='kind' required>
            <Radio.Group className='publish__kind' onChange={(value) => setKind(value as SummonKind)}>
              {KIND_CHOICES.map((c) => (
                <Radio key={c.value} value={c.value}>
                  {c.label}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          {kind === 'service' && (
            <Form.Item
              label='志愿时长（小时）'
              name='hours'
              required
              rules={rules('hours', halfHourCheck, numberCheck(0.5, 24))}
            >
              <Input placeholder='如 2 或 1.5；签到到签退的时间计入，最多这么多' type='digit' maxLength={4} />
            </Form.Item>
          )}
        </Form>
      </View>
    </>
  )
}

/** `?id=…` opens a published summon for editing (its time, place and capacity); otherwise a new one. */
export default function SummonPublishPage() {
  const { params } = useRouter()
  const editId = queryValue(params.id)
  return editId ? <SummonEdit summonId={editId} /> : <NewSummon />
}

function NewSummon() {
  const me = useMe()
  const grids = useRemote(() => call('grids.list', {}), [])
  const orgId = useOrgParam()
  const org = useRemote(() => (orgId ? call('orgs.get', { orgId }) : Promise.resolve(null)), [orgId])
  const loading = me.loading || grids.loading || org.loading
  const error = me.error ?? grids.error ?? org.error
  const secretary = Boolean(org.data?.isSecretary || (org.data && me.data?.roles.admin))
  const choices =
    me.data && grids.data ? (orgId ? (secretary ? orgChoices(grids.data) : []) : gridChoices(me.data, grids.data)) : []
  const fromPlan = usePlanParams()
  const retry = () => {
    me.reload()
    grids.reload()
    org.reload()
  }
  return (
    <View className='page publish'>
      <PageState loading={loading} error={error} onRetry={retry} cards={2}>
        {choices.length === 0 ? (
          <Empty
            title='只有网格长和区团委可以发布召集令'
            description='想组织活动？请联系你所在网格的网格长，或请区团委邀请你成为网格长。'
          />
        ) : (
          <>
            {org.data && (
              <View className='muted publish__preview-note publish__org-note'>
                以「{org.data.name}」的名义发布二维召集令：组织的成员在「我的组织」里能看到，参加后同时记入网格和组织。
              </View>
            )}
            {fromPlan && (
              <View className='muted publish__preview-note'>
                据定稿方案发布：方案里被采纳建议的提出者会记在这条召集令上。
              </View>
            )}
            <PublishForm choices={choices} fromPlan={fromPlan} orgId={orgId} />
          </>
        )}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
