import { useState } from 'react'
import { Button as NativeButton, View, type ButtonProps, type BaseEventOrig } from '@tarojs/components'
import { Button, Checkbox, Form, Input, Radio } from '@nutui/nutui-react-taro'
import type { Me } from '../../../../types'
import type { OrgChoice } from '../../../components/OrgPicker'
import { useAction } from '../../../hooks/useAction'
import { useLater } from '../../../hooks/useLater'
import { useServerErrors } from '../../../hooks/useServerErrors'
import { call, messageOf } from '../../../services/call'
import { openPrivacyContract } from '../../../services/privacy'
import { AFFILIATION_CHOICES } from '../../../utils/labels'
import { mobileCheck, ruleOf, textCheck, textOrUndefined } from '../../../utils/rules'
import { showError, showSuccess } from '../../../utils/toast'
import { OrgSection } from './OrgSection'
import { GUARDIAN_TEXT, joinPicked, leave, PHONE_CONSENT_TEXT, type Initial, type Values } from './profileValues'

export function ProfileForm({ initial, org }: { initial: Initial; org: Me['org'] }) {
  const [form] = Form.useForm()
  const [minor, setMinor] = useState<boolean | null>(initial.minor)
  // A guardian agrees again on each save: the record holds the latest consent.
  const [guardianConsent, setGuardianConsent] = useState(false)
  const [phoneConsent, setPhoneConsent] = useState(initial.phoneConsent)
  const [consentError, setConsentError] = useState<string | null>(null)
  const server = useServerErrors(form)
  const [saving, run] = useAction({ fields: server })
  const later = useLater()
  const [picked, setPicked] = useState<OrgChoice | null>(null)

  const save = async (values: Values) => {
    const phone = minor ? undefined : textOrUndefined(values.phone)
    if (phone && !phoneConsent) {
      setConsentError('填写手机号需要先勾选同意；不想提供可以清空手机号')
      return
    }
    setConsentError(null)
    await run(async () => {
      await call('account.updateProfile', {
        name: values.name.trim(),
        org: textOrUndefined(values.org),
        affiliation: values.affiliation,
        ...(minor
          ? { minor: true, guardian: { name: values.guardianName.trim(), consent: true } }
          : { phone, ...(phone ? { phoneConsent: true } : {}) }),
      })
      if (picked) {
        try {
          showSuccess(await joinPicked(picked))
        } catch (err) {
          // The profile is saved; the member can pick again here or on 我的组织.
          setPicked(null)
          showError(`资料已保存，但没能加入组织：${messageOf(err)}`)
          return
        }
      } else {
        showSuccess('已保存')
      }
      later(leave, 800)
    })
  }

  // WeChat's fast verification: the button's one-time code becomes the number, filled in for the member
  // to check; it is saved only with the rest of the form and the phone's consent.
  const fillPhone = async (code: string | undefined) => {
    if (!code) return // Declined, or a base library without fast verification: the number can be typed.
    try {
      const { phone } = await call('account.verifyPhone', { code })
      form.setFieldsValue({ phone })
    } catch (err) {
      showError(messageOf(err))
    }
  }

  // A minor's form goes on only once the guardian has agreed; until the age is answered, nothing else shows.
  const open = minor === false || (minor === true && guardianConsent)
  return (
    <View>
      <View className='profile__age'>
        <View className='profile__age-label'>你是否未满 14 周岁</View>
        <Radio.Group
          direction='horizontal'
          value={minor === null ? undefined : minor ? 'yes' : 'no'}
          onChange={(value) => {
            setMinor(value === 'yes')
            setConsentError(null)
          }}
        >
          <Radio value='no'>已满 14 周岁</Radio>
          <Radio value='yes'>未满 14 周岁</Radio>
        </Radio.Group>
      </View>
      <Form
        form={form}
        initialValues={initial.values}
        labelPosition='top'
        onFinish={save}
        footer={
          open ? (
            <Button type='primary' block loading={saving} onClick={() => form.submit()}>
              保存
            </Button>
          ) : null
        }
      >
        {minor === true && (
          <View className='profile__guardian'>
            <View className='profile__consent-text'>{GUARDIAN_TEXT}</View>
            <Form.Item
              label='监护人姓名'
              name='guardianName'
              required
              rules={[ruleOf(textCheck(1, 20)), server.serverRule('guardian.name')]}
            >
              <Input placeholder='父母或其他监护人的姓名' maxLength={20} clearable />
            </Form.Item>
            <Checkbox className='profile__guardian-consent' checked={guardianConsent} onChange={setGuardianConsent}>
              我是监护人，已阅读并同意以上说明和《用户隐私保护指引》
            </Checkbox>
            <View className='profile__link' onClick={openPrivacyContract}>
              查看《用户隐私保护指引》
            </View>
          </View>
        )}
        {open && (
          <Form.Item label='姓名' name='name' required rules={[ruleOf(textCheck(1, 20)), server.serverRule('name')]}>
            <Input placeholder='你的真实姓名，1–20 个字' maxLength={20} clearable />
          </Form.Item>
        )}
        {minor === false && (
          <Form.Item label='手机号（选填）' name='phone' rules={[ruleOf(mobileCheck), server.serverRule('phone')]}>
            <Input placeholder='11 位手机号，可不填' type='number' maxLength={11} clearable />
          </Form.Item>
        )}
        {minor === false && process.env.TARO_ENV === 'weapp' && (
          <NativeButton
            className='profile__fast-phone'
            openType='getPhoneNumber'
            onGetPhoneNumber={(e: BaseEventOrig<ButtonProps.onGetPhoneNumberEventDetail>) =>
              void fillPhone(e.detail.code)
            }
          >
            用微信绑定的手机号
          </NativeButton>
        )}
        {minor === false && (
          <View className='profile__phone-consent'>
            <Checkbox
              checked={phoneConsent}
              onChange={(checked) => {
                setPhoneConsent(checked)
                if (checked) setConsentError(null)
              }}
            >
              {PHONE_CONSENT_TEXT}
            </Checkbox>
            {consentError && <View className='profile__error'>{consentError}</View>}
          </View>
        )}
        {open && <OrgSection current={org} picked={picked} onPick={setPicked} />}
        {open && (
          <Form.Item label='所在组织（选填）' name='org' rules={[ruleOf(textCheck(0, 40)), server.serverRule('org')]}>
            <Input
              placeholder={org ? '如：某某公司团支部、某某社团' : '组织还没登记？直接填写名称，如：某某社团'}
              maxLength={40}
              clearable
            />
          </Form.Item>
        )}
        {open && (
          <Form.Item label='组织类型' name='affiliation' required rules={[server.serverRule('affiliation')]}>
            <Radio.Group direction='vertical'>
              {AFFILIATION_CHOICES.map((c) => (
                <Radio key={c.value} value={c.value}>
                  {c.label}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        )}
      </Form>
    </View>
  )
}
