import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Form, Input, Radio, TextArea } from '@nutui/nutui-react-taro'
import { PickerField, type Choice } from '../../../components/PickerField'
import { SummonFacts, SummonHeader } from '../../../components/summons/SummonFacts'
import { TagsField } from '../../../components/summons/TagsField'
import { TimePlaceFields } from '../../../components/summons/TimePlaceFields'
import { useAction } from '../../../hooks/useAction'
import { useServerErrors } from '../../../hooks/useServerErrors'
import { call } from '../../../services/call'
import { numberCheck, requiredCheck, ruleOf, textCheck, type Check } from '../../../utils/rules'
import { beijingAt, SUMMON_ROUTES } from '../../../utils/summons'
import { showSuccess } from '../../../utils/toast'
import type { FromPlan } from './params'
import {
  fieldOfPath,
  filled,
  halfHourCheck,
  KIND_CHOICES,
  previewOf,
  toRequest,
  type SummonKind,
  type Values,
} from './publishValues'

/** A new summon: the form, then a preview of what members will see, then 确认发布. */
export function PublishForm({
  choices,
  fromPlan,
  orgId,
}: {
  choices: Choice[]
  fromPlan: FromPlan | null
  orgId?: string
}) {
  const [form] = Form.useForm()
  const [preview, setPreview] = useState<Values | null>(null)
  const server = useServerErrors(form, fieldOfPath)
  // A refusal goes back from the preview to the form, where its messages stand under their fields.
  const [publishing, run] = useAction({ fields: server, onError: () => setPreview(null) })
  const rules = (name: keyof Values, ...checks: Check[]) => [...checks.map(ruleOf), server.serverRule(name)]
  const [kind, setKind] = useState<SummonKind>('meeting')

  const initial: Partial<Values> = {
    grid: choices.find((c) => c.value === fromPlan?.gridId)?.value ?? choices[0]?.value,
    ...(fromPlan?.title ? { title: fromPlan.title } : {}),
    startAt: beijingAt(1, 14),
    endAt: beijingAt(1, 16),
    signUpDeadline: '',
    tags: [],
    kind: 'meeting',
  }

  const publish = (values: Values) =>
    run(async () => {
      const summon = await call('summons.publish', {
        ...toRequest(values),
        ...(fromPlan ? { planId: fromPlan.planId } : {}),
        ...(orgId ? { orgId } : {}),
      })
      showSuccess('已发布')
      setTimeout(() => Taro.redirectTo({ url: SUMMON_ROUTES.detail(summon.id) }), 800)
    })

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
          <TimePlaceFields form={form} rules={rules} changed={server.changed} />
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
