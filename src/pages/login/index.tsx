import { startTransition, useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Input, Toast } from '@nutui/nutui-react-taro'
import { call, messageOf } from '../../services/call'
import { devLogin, listPersonas, type PersonaOption } from '../../services/http'
import { ROUTES } from '../../utils/routes'
import { showError, TOAST_ID } from '../../utils/toast'
import { PrivacyConsent } from '../../components/PrivacyConsent'
import './index.scss'

const OPENID = /^o_[A-Za-z0-9_-]{1,60}$/
/** The local server offers three demo personas (cloud/server/seed.ts PERSONAS). */
const PLACEHOLDERS = ['a', 'b', 'c']
/** A persona's description takes two lines on a phone. */
const PLACEHOLDER_LINES = (
  <>
    　<br />　
  </>
)

/** After signing in: someone without a profile fills it in first, everyone else goes to 我的. */
async function goOn(): Promise<void> {
  const me = await call('account.me', {})
  if (!me.profile) await Taro.reLaunch({ url: ROUTES.profile })
  else await Taro.switchTab({ url: ROUTES.me })
}

export default function LoginPage() {
  const [personas, setPersonas] = useState<PersonaOption[] | null>(null)
  const [openid, setOpenid] = useState('')
  const [busy, setBusy] = useState<string | null>(null)

  useEffect(() => {
    // The cells in place of their placeholders are drawn in React's slices, between the browser's turns.
    listPersonas().then((list) => startTransition(() => setPersonas(list)))
  }, [])

  const pick = async (id: string) => {
    if (busy) return
    setBusy(id)
    try {
      const envelope = await devLogin(id)
      if (!envelope.ok) return showError(envelope.error.message)
      await goOn()
    } catch (err) {
      showError(messageOf(err))
    } finally {
      setBusy(null)
    }
  }

  const pickTyped = () => {
    const id = openid.trim()
    if (!OPENID.test(id)) return showError('身份标识应以 o_ 开头，只含字母、数字、- 或 _')
    pick(id)
  }

  return (
    <View className='page login'>
      <View className='login__intro'>
        <View className='login__title'>选择一个身份进入</View>
        <View className='muted'>这是本地演示环境，不需要微信登录。在微信小程序里会直接使用你的微信身份。</View>
      </View>

      <View className='section-title'>演示身份</View>
      {personas === null ? (
        // While the personas load: cells of the same shape (one per demo persona), so nothing below moves
        // when the real ones arrive (a smaller skeleton card made the page jump: Lighthouse CLS 0.06).
        <Cell.Group aria-busy='true'>
          {PLACEHOLDERS.map((key) => (
            <Cell key={key} className='login__placeholder' title='　' description={PLACEHOLDER_LINES} extra='进入' />
          ))}
        </Cell.Group>
      ) : personas.length === 0 ? (
        <View className='card muted'>没有找到演示身份。本地服务可能没有启动，也可以在下面直接输入一个身份标识。</View>
      ) : (
        <Cell.Group>
          {personas.map((p) => (
            <Cell
              key={p.openid}
              className='login__persona'
              title={p.title}
              description={p.description}
              extra={busy === p.openid ? '进入中…' : '进入'}
              clickable
              onClick={() => pick(p.openid)}
            />
          ))}
        </Cell.Group>
      )}

      <View className='section-title'>其他身份</View>
      <View className='card'>
        <Input
          className='login__input'
          placeholder='输入以 o_ 开头的身份标识，如 o_test_1'
          value={openid}
          onChange={setOpenid}
          clearable
          maxLength={62}
        />
        <Button type='primary' block loading={busy === openid.trim()} onClick={pickTyped}>
          用这个身份进入
        </Button>
      </View>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
