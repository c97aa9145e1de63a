import { Button, Form, Input, Radio, Switch, TextArea } from '@nutui/nutui-react-taro'
import type { Grid, Town } from '../../../../types'
import { PickerField } from '../../../components/PickerField'
import { useAction } from '../../../hooks/useAction'
import { useServerErrors } from '../../../hooks/useServerErrors'
import { call } from '../../../services/call'
import { KIND_LABELS, ONLINE_KIND_LABELS, optionsOf } from '../../../utils/labels'
import { numberCheck, requiredCheck, ruleOf, textCheck, type Check } from '../../../utils/rules'
import { showSuccess } from '../../../utils/toast'
import { crossChecks, fieldOfPath, INITIAL, toInput, type Values } from './gridInput'

/** 创建网格's form: the grid's name and town, its places (实体 and 网络阵地) and its project. */
export function CreateForm({ towns, onCreated }: { towns: Town[]; onCreated: (grid: Grid) => void }) {
  const [form] = Form.useForm()
  const server = useServerErrors(form, fieldOfPath)
  const [saving, run] = useAction({ fields: server })
  const { pairCheck, locationCheck, summaryCheck } = crossChecks(form)
  const rules = (name: keyof Values, ...checks: Check[]) => [...checks.map(ruleOf), server.serverRule(name)]

  const submit = (values: Values) =>
    run(async () => {
      const grid = await call('grids.create', toInput(values))
      showSuccess('网格已创建')
      onCreated(grid)
    })

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
