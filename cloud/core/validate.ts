import { z, ZodError, ZodIssueCode, type ZodErrorMap, type ZodType } from 'zod'
import { AppError } from './errors'

/** Chinese messages for zod's generic issues; schemas give their own where a field needs it. */
const chineseErrorMap: ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      return { message: issue.received === 'undefined' ? '必填' : '格式不正确' }
    case ZodIssueCode.too_small:
      if (issue.type === 'string') return { message: issue.minimum === 1 ? '不能为空' : `至少 ${issue.minimum} 个字` }
      if (issue.type === 'array') return { message: `至少 ${issue.minimum} 项` }
      return { message: `不能小于 ${issue.minimum}` }
    case ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: `不能超过 ${issue.maximum} 个字` }
      if (issue.type === 'array') return { message: `最多 ${issue.maximum} 项` }
      return { message: `不能大于 ${issue.maximum}` }
    case ZodIssueCode.invalid_enum_value:
    case ZodIssueCode.invalid_literal:
    case ZodIssueCode.invalid_union:
    case ZodIssueCode.invalid_union_discriminator:
      return { message: '不是可选的值' }
    case ZodIssueCode.unrecognized_keys:
      return { message: '不认识的字段' }
    case ZodIssueCode.invalid_string:
      return { message: '格式不正确' }
    default:
      return { message: ctx.defaultError === 'Required' ? '必填' : '格式不正确' }
  }
}

/**
 * The bad fields by path, first message first. Paths are request keys, which may be any string a client
 * sends (`constructor`, `__proto__`…): a Map collects them, and `Object.fromEntries` makes each an own
 * property, never one looked up on or written to `Object.prototype`.
 */
function fieldsOf(error: ZodError): Record<string, string> {
  const fields = new Map<string, string>()
  const add = (path: string, message: string) => {
    if (!fields.has(path)) fields.set(path, message)
  }
  for (const issue of error.issues) {
    if (issue.code === ZodIssueCode.unrecognized_keys) {
      for (const key of issue.keys) add([...issue.path, key].join('.'), '不认识的字段')
      continue
    }
    add(issue.path.length ? issue.path.join('.') : 'data', issue.message)
  }
  return Object.fromEntries(fields)
}

/** Chinese names of request fields, for the envelope's one-sentence message. */
const FIELD_LABELS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    name: '名称',
    phone: '手机号',
    org: '所在组织',
    affiliation: '组织类型',
    townId: '镇街',
    kind: '类型',
    base: '实体阵地',
    address: '地址',
    lat: '纬度',
    lng: '经度',
    radiusM: '签到半径',
    online: '网络阵地',
    project: '网格项目',
    title: '标题',
    body: '内容',
    place: '地点',
    startAt: '开始时间',
    endAt: '结束时间',
    signUpDeadline: '报名截止时间',
    capacity: '人数上限',
    tags: '标签',
    hours: '志愿时长',
    reason: '原因',
    draft: '方案草稿',
    ideasUntil: '征集截止时间',
    content: '内容',
    reply: '回复',
    decision: '采纳情况',
    code: '二维码',
    requestId: '请求编号',
    location: '位置',
    inviteCode: '邀请码',
    guardian: '监护人同意',
    minor: '是否未满 14 周岁',
    phoneConsent: '手机号授权',
    orgId: '组织',
    parentId: '上级组织',
    role: '身份',
    quarter: '季度',
    filter: '筛选条件',
    openid: '成员',
    accept: '审核结果',
  }),
)

function labelOf(path: string): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p))
  for (let i = parts.length - 1; i >= 0; i--) {
    const label = FIELD_LABELS.get(parts[i])
    if (label) return label
  }
  return '请求内容'
}

/** Parses a request or throws BAD_REQUEST naming each bad field. */
export function parseRequest<T>(schema: ZodType<T, z.ZodTypeDef, unknown>, data: unknown): T {
  const result = schema.safeParse(data ?? {}, { errorMap: chineseErrorMap })
  if (result.success) return result.data
  const fields = fieldsOf(result.error)
  const [path, message] = Object.entries(fields)[0]
  // A message that is a whole sentence naming its field already (结束时间要晚于开始时间) is not prefixed again.
  const label = labelOf(path)
  throw new AppError('BAD_REQUEST', message.startsWith(label) ? message : `${label}${message}`, fields)
}

// ---------- reusable field schemas ----------

/** Trimmed text of a bounded length. */
export const text = (min: number, max: number) => z.string().trim().min(min).max(max)
export const id = z.string().trim().min(1, '必填').max(64)
/** ISO-8601 with an offset (or `Z`); stored and answered in UTC. */
export const isoTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, '时间格式不正确')
  .refine((s) => !Number.isNaN(Date.parse(s)), '时间格式不正确')
  .transform((s) => new Date(s).toISOString())
export const cursor = z.string().max(200).optional()
export const empty = z.object({}).strict()

/** An optional text field where an empty string means "not given". */
export const optionalText = <T extends ZodType<string, z.ZodTypeDef, unknown>>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional())
