import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button, Cell, Dialog } from '@nutui/nutui-react-taro'
import type { Grid, GridLeader, LeaderInvite } from '../../../../types'
import { InvitePanel } from '../../../components/InvitePanel'
import { useAction } from '../../../hooks/useAction'
import { useRemote } from '../../../hooks/useSession'
import { qrDataUrl } from '../../../leader/utils/qr'
import { call } from '../../../services/call'
import { formatTime } from '../../../utils/time'
import { showSuccess } from '../../../utils/toast'

const inviteQr = (text: string) => qrDataUrl(text, 6, 2)

/** What the admin is asked to confirm: removing a leader, or revoking an invite. */
type Ask = { leader: GridLeader } | { invite: LeaderInvite } | null

function askText(grid: Grid, ask: Exclude<Ask, null>) {
  if ('invite' in ask) return `撤销后，这个邀请码（${formatTime(ask.invite.expiresAt, 'M月D日')}到期）就不能再用了。`
  const last = grid.leaders.length === 1
  return last
    ? `${ask.leader.name}是这个网格唯一的网格长：移除后网格将没有网格长，四个一不再完整。他仍是网格成员。`
    : `${ask.leader.name}将不再管理这个网格（发布召集令、出示签到码等），仍是网格成员。`
}

/** Open leader invites (admins), each with who made it, when it expires and 撤销. */
function OpenInvites({ items, onRevoke }: { items: LeaderInvite[]; onRevoke: (invite: LeaderInvite) => void }) {
  if (!items.length) return null
  return (
    <>
      <View className='section-title'>未使用的邀请</View>
      <Cell.Group>
        {items.map((i) => (
          <Cell
            key={i.inviteCode}
            className='manage-invite'
            title={`${i.mine ? '我' : i.invitedBy} 发出的邀请`}
            description={`${formatTime(i.expiresAt, 'M月D日 HH:mm')} 到期`}
            extra={
              <Button size='small' fill='outline' type='danger' onClick={() => onRevoke(i)}>
                撤销
              </Button>
            }
          />
        ))}
      </Cell.Group>
    </>
  )
}

/** 网格长: the leaders (admins may remove one), the invite to add one, and the invites still open. */
export function LeadersPanel({ grid, admin, onChanged }: { grid: Grid; admin: boolean; onChanged: (g: Grid) => void }) {
  const [ask, setAsk] = useState<Ask>(null)
  const [busy, run] = useAction()
  const invites = useRemote(
    () => (admin ? call('grids.invites', { gridId: grid.id }) : Promise.resolve({ items: [] })),
    [grid.id, admin],
  )
  const confirm = () =>
    run(async () => {
      const asked = ask
      setAsk(null)
      if (!asked) return
      if ('leader' in asked) {
        onChanged(await call('grids.removeLeader', { gridId: grid.id, userId: asked.leader.userId }))
        showSuccess('已移除网格长')
      } else {
        await call('grids.revokeInvite', { gridId: grid.id, inviteCode: asked.invite.inviteCode })
        showSuccess('邀请已撤销')
        invites.reload()
      }
    })
  return (
    <>
      <View className='section-title'>网格长</View>
      <Cell.Group>
        {grid.leaders.length ? (
          grid.leaders.map((l) => (
            <Cell
              key={l.userId}
              className='manage-leader'
              title={l.name}
              extra={
                admin && (
                  <Button size='small' fill='outline' loading={busy} onClick={() => setAsk({ leader: l })}>
                    移除
                  </Button>
                )
              }
            />
          ))
        ) : (
          <Cell
            className='manage-leader--none'
            title='还没有网格长'
            description='邀请一位骨干担任网格长，四个一才算完整。'
          />
        )}
      </Cell.Group>
      {admin && <InvitePanel gridId={grid.id} qrOf={inviteQr} onCreated={invites.reload} />}
      {admin && <OpenInvites items={invites.data?.items ?? []} onRevoke={(invite) => setAsk({ invite })} />}
      <Dialog
        className='manage-confirm'
        visible={Boolean(ask)}
        title={
          ask && 'invite' in ask ? '撤销这个邀请？' : `移除网格长${ask && 'leader' in ask ? ask.leader.name : ''}？`
        }
        content={ask ? askText(grid, ask) : ''}
        confirmText={ask && 'invite' in ask ? '确认撤销' : '确认移除'}
        cancelText='再想想'
        onConfirm={() => void confirm()}
        onCancel={() => setAsk(null)}
      />
    </>
  )
}
