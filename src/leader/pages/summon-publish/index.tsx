import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Toast } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import { PageState } from '../../../components/PageState'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { useMe, useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { TOAST_ID } from '../../../utils/toast'
import { SummonEdit } from './EditForm'
import { queryValue, useOrgParam, usePlanParams } from './params'
import { PublishForm } from './PublishForm'
import { gridChoices, orgChoices } from './publishValues'
import './index.scss'

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
