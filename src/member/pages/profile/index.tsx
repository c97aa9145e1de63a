import { useState } from 'react'
import { Button as NativeButton, View, type ButtonProps, type BaseEventOrig } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Checkbox, Form, Input, Radio, Toast } from '@nutui/nutui-react-taro'
import type { Affiliation, Me, Profile } from '../../../../types'
import { PageState } from '../../../components/PageState'
import { useLater } from '../../../hooks/useLater'
import { handleAuthError, useMe } from '../../../hooks/useSession'
import { useServerErrors } from '../../../hooks/useServerErrors'
import { call, CallError, messageOf } from '../../../services/call'
import { AFFILIATION_CHOICES } from '../../../utils/labels'
import { ROUTES } from '../../../utils/routes'
import { mobileCheck, ruleOf, textCheck, textOrUndefined } from '../../../utils/rules'
import { showError, showSuccess, TOAST_ID } from '../../../utils/toast'
import { OrgPicker, type OrgChoice } from '../../../components/OrgPicker'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { openPrivacyContract } from '../../../services/privacy'
import './index.scss'

interface Values {
  name: string
  phone: string
  org: string
  affiliation: Affiliation
  guardianName: string
}

interface Initial {
  values: Values
  /** Null until the member answers whether they are under 14 (a saved profile has answered it). */
  minor: boolean | null
  phoneConsent: boolean
}

const initialOf = (profile: Profile | null): Initial => ({
  values: {
    name: profile?.name ?? '',
    phone: profile?.phone ?? '',
    org: profile?.org ?? '',
    affiliation: profile?.affiliation ?? 'league',
    guardianName: profile?.guardian?.name ?? '',
  },
  minor: profile ? profile.minor === true : null,
  phoneConsent: profile?.phoneConsentAt !== undefined,
})

/** PIPL art. 31: what a guardian agrees to, before anything else of a child's is collected. */
export const GUARDIAN_TEXT =
  '未满 14 周岁的青少年，需要父母或其他监护人阅读并同意后才能填写资料。我们只记录姓名和所在组织，用于活动报名名单和报到记录；不收集手机号，扫码报到时也不获取位置。'
/** PIPL art. 29–30: the phone's own consent, saying why. */
export const PHONE_CONSENT_TEXT = '我同意提供手机号：仅用于网格长就我报名的活动与我联系，不在名单中公开，清空后即删除。'

/** Back where the user came from, or to 我的 when this was the first page (right after choosing an identity). */
function leave() {
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack()
  else Taro.switchTab({ url: ROUTES.me })
}

/** The registered organisation picked on this form, joined right after the profile is saved. */
async function joinPicked(choice: OrgChoice): Promise<string> {
  if ('inviteCode' in choice) {
    await call('orgs.join', { inviteCode: choice.inviteCode })
    return '已保存，并已加入组织'
  }
  await call('orgs.join', { orgId: choice.orgId })
  return `已保存，已向「${choice.name}」提交入会申请`
}

/**
 * 所在组织: the member's registered organisation if they have one (changed on 我的组织), else the same
 * picker as 我的组织; what is picked is joined when the form is saved (joining needs the profile first).
 */
function OrgSection({
  current,
  picked,
  onPick,
}: {
  current: Me['org']
  picked: OrgChoice | null
  onPick: (c: OrgChoice | null) => void
}) {
  if (current) {
    return (
      <Cell
        className='profile__org'
        title={`所在组织：${current.name}${current.status === 'pending' ? '（待审核）' : ''}`}
        description='更换或离开组织，请到「我的组织」'
        clickable
        onClick={() => Taro.navigateTo({ url: ROUTES.org })}
      />
    )
  }
  return (
    <View className='profile__org-picker'>
      <View className='profile__section-title'>所在团组织（选填）</View>
      <View className='muted'>你的组织已在二维报到登记？用邀请码或搜索选中它，保存后报到和活动会同时记入组织。</View>
      <OrgPicker
        onPick={onPick}
        labels={{ code: '使用这个邀请码', request: '选择' }}
        pickedOrgId={picked && 'orgId' in picked ? picked.orgId : undefined}
      />
      {picked && (
        <View className='profile__picked'>
          {'inviteCode' in picked
            ? `保存后用邀请码 ${picked.inviteCode} 加入组织`
            : `保存后向「${picked.name}」提交入会申请，书记同意后生效`}
          <View className='profile__link' onClick={() => onPick(null)}>
            不选了
          </View>
        </View>
      )}
    </View>
  )
}

function ProfileForm({ initial, org }: { initial: Initial; org: Me['org'] }) {
  const [form] = Form.useForm()
  const [saving, setSaving] = useState(false)
  const [minor, setMinor] = useState<boolean | null>(initial.minor)
  // A guardian agrees again on each save: the record holds the latest consent.
  const [guardianConsent, setGuardianConsent] = useState(false)
  const [phoneConsent, setPhoneConsent] = useState(initial.phoneConsent)
  const [consentError, setConsentError] = useState<string | null>(null)
  const server = useServerErrors(form)
  const later = useLater()
  const [picked, setPicked] = useState<OrgChoice | null>(null)

  const save = async (values: Values) => {
    const phone = minor ? undefined : textOrUndefined(values.phone)
    if (phone && !phoneConsent) {
      setConsentError('填写手机号需要先勾选同意；不想提供可以清空手机号')
      return
    }
    setConsentError(null)
    setSaving(true)
    server.clear()
    try {
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
    } catch (err) {
      handleAuthError(err)
      const unplaced = err instanceof CallError && err.code === 'BAD_REQUEST' ? server.show(err.fields) : null
      if (!unplaced || unplaced.length) showError(messageOf(err))
    } finally {
      setSaving(false)
    }
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

export default function ProfilePage() {
  const { data: me, loading, error, reload } = useMe()
  return (
    <View className='page profile'>
      <View className='profile__note muted'>
        我们只收集这几项：姓名和所在组织用于活动报名名单和报到记录；手机号仅用于活动联系，可不填。未满 14
        周岁的青少年需监护人同意，且不收集手机号和位置。
      </View>
      <PageState loading={loading} error={error} onRetry={reload} cards={1}>
        {me && <ProfileForm initial={initialOf(me.profile)} org={me.org} />}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
