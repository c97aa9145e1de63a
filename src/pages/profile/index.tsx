import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Form, Input, Radio, Toast } from '@nutui/nutui-react-taro'
import type { Affiliation, Profile } from '../../../types'
import { PageState } from '../../components/PageState'
import { useLater } from '../../hooks/useLater'
import { handleAuthError, useMe } from '../../hooks/useSession'
import { useServerErrors } from '../../hooks/useServerErrors'
import { call, CallError, messageOf } from '../../services/call'
import { AFFILIATION_CHOICES } from '../../utils/labels'
import { ROUTES } from '../../utils/routes'
import { mobileCheck, ruleOf, textCheck, textOrUndefined } from '../../utils/rules'
import { showError, showSuccess, TOAST_ID } from '../../utils/toast'
import { PrivacyConsent } from '../../components/PrivacyConsent'
import './index.scss'

interface Values {
  name: string
  phone: string
  org: string
  affiliation: Affiliation
}

const valuesOf = (profile: Profile | null): Values => ({
  name: profile?.name ?? '',
  phone: profile?.phone ?? '',
  org: profile?.org ?? '',
  affiliation: profile?.affiliation ?? 'league',
})

/** Back where the user came from, or to 我的 when this was the first page (right after choosing an identity). */
function leave() {
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack()
  else Taro.switchTab({ url: ROUTES.me })
}

function ProfileForm({ initial }: { initial: Values }) {
  const [form] = Form.useForm()
  const [saving, setSaving] = useState(false)
  const server = useServerErrors(form)
  const later = useLater()

  const save = async (values: Values) => {
    setSaving(true)
    server.clear()
    try {
      await call('account.updateProfile', {
        name: values.name.trim(),
        phone: textOrUndefined(values.phone),
        org: textOrUndefined(values.org),
        affiliation: values.affiliation,
      })
      showSuccess('已保存')
      later(leave, 800)
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
      initialValues={initial}
      labelPosition='top'
      onFinish={save}
      footer={
        <Button type='primary' block loading={saving} onClick={() => form.submit()}>
          保存
        </Button>
      }
    >
      <Form.Item label='姓名' name='name' required rules={[ruleOf(textCheck(1, 20)), server.serverRule('name')]}>
        <Input placeholder='你的真实姓名，1–20 个字' maxLength={20} clearable />
      </Form.Item>
      <Form.Item label='手机号（选填）' name='phone' rules={[ruleOf(mobileCheck), server.serverRule('phone')]}>
        <Input placeholder='11 位手机号，可不填' type='number' maxLength={11} clearable />
      </Form.Item>
      <Form.Item label='所在组织（选填）' name='org' rules={[ruleOf(textCheck(0, 40)), server.serverRule('org')]}>
        <Input placeholder='如：某某公司团支部、某某社团' maxLength={40} clearable />
      </Form.Item>
      <Form.Item label='组织类型' name='affiliation' required rules={[server.serverRule('affiliation')]}>
        <Radio.Group direction='vertical'>
          {AFFILIATION_CHOICES.map((c) => (
            <Radio key={c.value} value={c.value}>
              {c.label}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
    </Form>
  )
}

export default function ProfilePage() {
  const { data: me, loading, error, reload } = useMe()
  return (
    <View className='page profile'>
      <View className='profile__note muted'>
        我们只收集这几项：姓名和所在组织用于活动报名名单和报到记录；手机号仅用于活动联系，可不填。
      </View>
      <PageState loading={loading} error={error} onRetry={reload} cards={1}>
        {me && <ProfileForm initial={valuesOf(me.profile)} />}
        {me && me.profile && !me.org && (
          <Cell
            className='profile__org'
            title='加入已登记的团组织'
            description='你的组织已在二维报到登记？用邀请码或搜索加入，报到和活动会同时记入组织。'
            clickable
            onClick={() => Taro.navigateTo({ url: ROUTES.org })}
          />
        )}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
