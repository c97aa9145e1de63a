import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button, Cell, Input } from '@nutui/nutui-react-taro'
import type { OrgSummary } from '../../../types'
import { useAction } from '../../hooks/useAction'
import { call } from '../../services/call'
import { ORG_KIND_LABELS } from '../../utils/orgs'
import { showError } from '../../utils/toast'
import './index.scss'

/** What the member picked: an invite code from the organisation (joins at once), or one found by name (a request). */
export type OrgChoice = { inviteCode: string } | { orgId: string; name: string }

interface Props {
  /** Called with the member's pick; the caller joins now (我的组织) or after saving (个人信息). */
  onPick: (choice: OrgChoice) => void | Promise<void>
  /** The caller's own busy flag (its join is running). */
  busy?: boolean
  /** The button under the invite code, and the one beside each organisation found. */
  labels?: { code: string; request: string }
  /** The organisation already picked (its button says so). */
  pickedOrgId?: string
  /** An invite code to start with (opened from an invite link). */
  initialCode?: string
}

const JOIN_LABELS = { code: '加入组织', request: '申请加入' }

/**
 * The one organisation picker (我的组织 and the first-run profile): an invite code from the organisation,
 * or a search of the registered organisations by name.
 */
export function OrgPicker({ onPick, busy = false, labels = JOIN_LABELS, pickedOrgId, initialCode = '' }: Props) {
  const [code, setCode] = useState(initialCode)
  const [q, setQ] = useState('')
  const [found, setFound] = useState<OrgSummary[] | null>(null)
  const [searching, run] = useAction({ identity: true })
  const pickCode = () => {
    const inviteCode = code.trim()
    if (!inviteCode) return showError('请先填写邀请码')
    return onPick({ inviteCode })
  }
  const search = () =>
    run(async () => {
      setFound((await call('orgs.list', q.trim() ? { q: q.trim() } : {})).items)
    })
  return (
    <View className='org-picker'>
      <View className='card'>
        <View className='org-picker__title'>用邀请码加入</View>
        <View className='muted'>组织书记给你的邀请码（或邀请链接里的码），填进来就能直接加入。</View>
        <Input
          className='org-picker__input org__code'
          placeholder='请输入邀请码'
          value={code}
          onChange={setCode}
          clearable
          maxLength={64}
        />
        <Button className='org-picker__use-code' type='primary' block loading={busy} onClick={pickCode}>
          {labels.code}
        </Button>
      </View>
      <View className='card'>
        <View className='org-picker__title'>找到我的组织</View>
        <View className='muted'>搜索已登记的组织并申请加入，组织书记同意后生效。</View>
        <Input
          className='org-picker__input org__search'
          placeholder='输入组织名称，如「团工委」'
          value={q}
          onChange={setQ}
          clearable
        />
        <Button className='org__search-button' fill='outline' type='primary' block loading={searching} onClick={search}>
          搜索
        </Button>
      </View>
      {found && found.length === 0 && <View className='muted org-picker__none'>没有找到，换个关键词试试。</View>}
      {found && found.length > 0 && (
        <Cell.Group>
          {found.map((o) => (
            <Cell
              key={o.id}
              className='org__found'
              title={o.name}
              description={`${ORG_KIND_LABELS[o.kind]} · ${o.memberCount} 名成员`}
              extra={
                <Button
                  size='small'
                  type='primary'
                  fill={pickedOrgId === o.id ? 'outline' : 'solid'}
                  disabled={busy}
                  onClick={() => void onPick({ orgId: o.id, name: o.name })}
                >
                  {pickedOrgId === o.id ? '已选择' : labels.request}
                </Button>
              }
            />
          ))}
        </Cell.Group>
      )}
    </View>
  )
}
