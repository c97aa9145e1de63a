import { useRouter } from '@tarojs/taro'

/** Opened by 据此发布召集令 on a finalized plan: `?planId=…&gridId=…&title=…` prefill the form. */
export interface FromPlan {
  planId: string
  gridId?: string
  title?: string
}

/** A query value as written (Taro may hand it over encoded or already decoded). */
export const queryValue = (value?: string): string | undefined => {
  if (!value) return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export function usePlanParams(): FromPlan | null {
  const { params } = useRouter()
  const planId = queryValue(params.planId)
  return planId ? { planId, gridId: queryValue(params.gridId), title: queryValue(params.title) } : null
}

/** Opened from an organisation's 组织管理 with `?orgId=…`: a 二维召集令 of that organisation. */
export function useOrgParam(): string | undefined {
  const { params } = useRouter()
  return queryValue(params.orgId)
}
