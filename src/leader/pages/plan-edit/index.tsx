import { useEffect } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Form, Input, TextArea, Toast } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import type { GridSummary, Me, PlanDetail } from '../../../../types'
import { PageState } from '../../../components/PageState'
import { PickerField, type Choice } from '../../../components/PickerField'
import { DateTimeField } from '../../../components/summons/DateTimeField'
import { useAction } from '../../../hooks/useAction'
import { useMe, useRemote } from '../../../hooks/useSession'
import { useServerErrors } from '../../../hooks/useServerErrors'
import { call } from '../../../services/call'
import { PLAN_ROUTES } from '../../../utils/plans'
import { requiredCheck, ruleOf, textCheck, type Check } from '../../../utils/rules'
import { beijingAt } from '../../../utils/summons'
import { showInfo, showSuccess, TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import './index.scss'

interface Values {
  grid: string
  title: string
  draft: string
  /** An ISO time, or '' for no deadline. */
  ideasUntil: string
}

const DRAFT_MAX = 5000
const FIELDS = ['title', 'draft', 'ideasUntil']
const fieldOfPath = (path: string): string | null => {
  const head = path.split('.')[0]
  if (head === 'gridId') return 'grid'
  return FIELDS.includes(head) ? head : null
}

/** The grids this user may publish a plan for: the ones they lead (admins: every grid). */
function gridChoices(me: Me, grids: GridSummary[]): Choice[] {
  const mine = me.roles.admin ? grids : grids.filter((g) => me.roles.leaderOf.includes(g.id))
  return mine.map((g) => ({ value: g.id, label: g.name }))
}

interface FormProps {
  /** Publishing: the grids to choose from. Editing: the plan. */
  choices?: Choice[]
  plan?: PlanDetail
  initial: Partial<Values>
}

function PlanForm({ choices, plan, initial }: FormProps) {
  const [form] = Form.useForm()
  const server = useServerErrors(form, fieldOfPath)
  const [saving, run] = useAction({ fields: server })
  const rules = (name: keyof Values, ...checks: Check[]) => [...checks.map(ruleOf), server.serverRule(name)]

  const publish = async (v: Values) => {
    const created = await call('plans.publish', {
      gridId: v.grid,
      title: v.title.trim(),
      draft: v.draft.trim(),
      ...(v.ideasUntil ? { ideasUntil: v.ideasUntil } : {}),
    })
    showSuccess('已发布')
    setTimeout(() => Taro.redirectTo({ url: PLAN_ROUTES.detail(created.id) }), 800)
  }

  const update = async (current: PlanDetail, v: Values) => {
    const title = v.title.trim()
    const draft = v.draft.trim()
    const ideasUntil = v.ideasUntil || null
    if (title === current.title && draft === current.draft && ideasUntil === current.ideasUntil) {
      showInfo('没有改动')
      return
    }
    await call('plans.update', { planId: current.id, title, draft, ideasUntil })
    showSuccess(`已保存为第 ${current.version + 1} 版`)
    setTimeout(() => Taro.navigateBack(), 800)
  }

  const save = (values: Values) => run(() => (plan ? update(plan, values) : publish(values)))

  return (
    <Form
      form={form}
      initialValues={initial}
      labelPosition='top'
      onFinish={(values: Values) => save(values)}
      footer={
        <Button type='primary' block loading={saving} onClick={() => form.submit()}>
          {plan ? '保存修改' : '发布方案'}
        </Button>
      }
    >
      {choices && (
        <Form.Item label='发布到' name='grid' required rules={rules('grid', requiredCheck('请选择网格'))}>
          <PickerField title='发布到' placeholder='请选择网格' choices={choices} />
        </Form.Item>
      )}
      <Form.Item label='标题' name='title' required rules={rules('title', textCheck(2, 40))}>
        <Input placeholder='2–40 个字，如：乐创汇创业沙龙 · 第 14 期方案' maxLength={40} clearable />
      </Form.Item>
      <Form.Item label='方案草稿' name='draft' required rules={rules('draft', textCheck(1, DRAFT_MAX))}>
        <TextArea
          placeholder='活动主题、时间地点、初步流程……写得越具体，圈友的建议越有用'
          maxLength={DRAFT_MAX}
          showCount
          autoSize
        />
      </Form.Item>
      <Form.Item label='征集建议截止（选填）' name='ideasUntil' rules={rules('ideasUntil')}>
        <DateTimeField title='征集建议截止' placeholder='不填则定稿前一直征集' clearable />
      </Form.Item>
    </Form>
  )
}

function PublishPlan({ gridId }: { gridId?: string }) {
  const me = useMe()
  const grids = useRemote(() => call('grids.list', {}), [])
  const choices = me.data && grids.data ? gridChoices(me.data, grids.data) : []
  const retry = () => {
    me.reload()
    grids.reload()
  }
  const preferred = choices.find((c) => c.value === gridId) ?? choices[0]
  return (
    <PageState loading={me.loading || grids.loading} error={me.error ?? grids.error} onRetry={retry} cards={2}>
      {choices.length === 0 ? (
        <Empty
          title='只有网格长可以发布方案'
          description='想组织活动？可以在网格的方案下提建议，或联系你所在网格的网格长。'
        />
      ) : (
        <>
          <View className='muted plan-edit__note'>
            发布后，圈友可以对方案提建议；你逐条回复采纳情况，定稿后据此发布召集令。
          </View>
          <PlanForm choices={choices} initial={{ grid: preferred?.value, ideasUntil: beijingAt(7, 18) }} />
        </>
      )}
    </PageState>
  )
}

function EditPlan({ planId }: { planId: string }) {
  const remote = useRemote(() => call('plans.get', { planId }), [planId])
  const plan = remote.data
  return (
    <PageState loading={remote.loading} error={remote.error} onRetry={remote.reload} cards={2}>
      {plan && !plan.canManage && <Empty title='只有这个网格的网格长可以修改方案' />}
      {plan && plan.canManage && plan.state === 'finalized' && (
        <Empty title='方案已定稿' description='定稿后不能再修改了。' />
      )}
      {plan && plan.canManage && plan.state !== 'finalized' && (
        <>
          <View className='muted plan-edit__note'>
            现在是第 {plan.version} 版。保存后成为第 {plan.version + 1} 版，之前的版本仍可在方案页的「历史版本」里查看。
          </View>
          <PlanForm plan={plan} initial={{ title: plan.title, draft: plan.draft, ideasUntil: plan.ideasUntil ?? '' }} />
        </>
      )}
    </PageState>
  )
}

/** Publishing a plan (`?gridId=` preselects a grid) or editing one (`?id=`: a new version of the draft). */
export default function PlanEditPage() {
  const { params } = useRouter()
  const planId = params.id ? decodeURIComponent(params.id) : ''
  const gridId = params.gridId ? decodeURIComponent(params.gridId) : undefined
  useEffect(() => {
    if (planId) Taro.setNavigationBarTitle({ title: '编辑方案' })
  }, [planId])
  return (
    <View className='page plan-edit'>
      {planId ? <EditPlan planId={planId} /> : <PublishPlan gridId={gridId} />}
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
