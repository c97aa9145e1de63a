/**
 * Generated malformed input: for every action the registry serves, bad shapes derived from its zod
 * schema must answer BAD_REQUEST naming exactly the bad field, in Chinese, with nothing internal.
 */
import { z, type ZodTypeAny } from 'zod'
import { FUNCTIONS } from '../../cloud/functions'
import { errorOf, expectUserFacing, outcomeOf, splitAction } from './helpers'
import { buildWorld, OPENIDS, registeredActions, validRequest, type World } from './world'

interface FieldSpec {
  path: string[]
  schema: ZodTypeAny
  required: boolean
}

/** The type under effects (refine, transform, preprocess), optional, nullable and default wrappers. */
function unwrap(schema: ZodTypeAny): ZodTypeAny {
  if (schema instanceof z.ZodEffects) return unwrap(schema.innerType())
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return unwrap(schema.unwrap())
  if (schema instanceof z.ZodDefault) return unwrap(schema.removeDefault())
  return schema
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Every field of an object schema, descending into nested objects (and first array items) the sample has. */
function fieldsOf(schema: ZodTypeAny, sample: unknown, path: string[] = []): FieldSpec[] {
  const type = unwrap(schema)
  if (type instanceof z.ZodArray && Array.isArray(sample) && sample.length > 0) {
    return fieldsOf(type.element, sample[0], [...path, '0'])
  }
  if (!(type instanceof z.ZodObject) || !isObject(sample)) return []
  return Object.entries(type.shape as Record<string, ZodTypeAny>).flatMap(([key, field]) => [
    { path: [...path, key], schema: field, required: !field.isOptional() },
    ...fieldsOf(field, sample[key], [...path, key]),
  ])
}

/** A value of another JSON type than the field takes. */
function wrongTypeFor(schema: ZodTypeAny): unknown {
  const type = unwrap(schema)
  if (type instanceof z.ZodString || type instanceof z.ZodEnum) return 12345
  if (type instanceof z.ZodNumber) return '12'
  if (type instanceof z.ZodBoolean) return 'true'
  if (type instanceof z.ZodObject || type instanceof z.ZodArray) return 'x'
  return { wrong: true }
}

/** A deep copy of `data` with the value at `path` replaced (or removed when `value` is `REMOVE`). */
const REMOVE = Symbol('remove')
function withValue(data: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(data) as Json
  let target: Json = copy
  for (const key of path.slice(0, -1)) target = target[key] as Json
  const last = path[path.length - 1]
  if (value === REMOVE) delete target[last]
  else target[last] = value
  return copy
}

/** Keys every plain object inherits; `__proto__` as `JSON.parse` makes it, an own key like any other. */
const PROTOTYPE_KEYS = [
  'constructor',
  '__proto__',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__lookupGetter__',
]

/** A JSON copy of `data` with an own key (any name, `__proto__` included) added to the object at `path`. */
function withOwnKey(data: unknown, path: string[], key: string, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(data)) as Json
  const target = path.reduce<Json>((t, k) => t[k] as Json, copy)
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  return copy
}

/** Values a client may send anywhere: empty, huge, negative, fractional, control characters, markup. */
const HOSTILE_VALUES: unknown[] = [
  '',
  '   ',
  'x'.repeat(20_000),
  '\u0000\u202e',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '🙂'.repeat(3),
  -1,
  0,
  1.5,
  1e308,
  null,
  [],
  {},
]

let world: World
beforeAll(async () => {
  world = await buildWorld()
})
afterAll(() => world.h.close())

/** Calls as an admin, so that anything but validation would let the call through. */
const call = (action: string, data: unknown) => world.h.rawAs(OPENIDS.admin)(action, data)

async function expectBadFields(action: string, data: unknown, fields: string[]): Promise<void> {
  const error = errorOf(await call(action, data), 'BAD_REQUEST')
  expect(Object.keys(error.fields ?? {}).sort()).toEqual([...fields].sort())
}

const actions = registeredActions()

/**
 * Actions whose request names another member as `openid` (the contract's name for the member a secretary
 * decides on or prints a receipt for); the caller's identity still comes from the platform only.
 */
const TARGET_OPENID = new Set(['orgs.decide', 'orgs.receipt', 'hours.makeup'])
/** Actions that take one of several fields: with none of them, the first is named. */
const ONE_OF: Record<string, string[]> = { 'orgs.join': ['inviteCode'] }

it(`covers every registered action (${actions.length})`, () => {
  expect(actions.length).toBeGreaterThanOrEqual(28)
})

describe.each(actions)('%s', (action) => {
  const { fn, action: local } = splitAction(action)
  const schema = FUNCTIONS[fn][local].schema as ZodTypeAny
  let sample: unknown
  let fields: FieldSpec[]

  beforeAll(async () => {
    sample = await validRequest(action, world, OPENIDS.admin)
    fields = fieldsOf(schema, sample)
  })

  it('takes an object whose fields the suite can see, and accepts its valid sample', async () => {
    const shape = (unwrap(schema) as z.AnyZodObject).shape as Json
    expect(unwrap(schema)).toBeInstanceOf(z.ZodObject)
    expect(fields.filter((f) => f.path.length === 1)).toHaveLength(Object.keys(shape).length)
    expect(outcomeOf(await call(action, sample))).not.toBe('BAD_REQUEST')
  })

  it.each([
    ['a string', 'text'],
    ['a number', 42],
    ['a boolean', true],
    ['an array', [sample]],
  ])('refuses %s as data', async (_name, data) => {
    await expectBadFields(action, data, ['data'])
  })

  it('treats null and absent data as an empty object', async () => {
    const required = fields.filter((f) => f.required && f.path.length === 1).map((f) => f.path[0])
    for (const data of [null, undefined]) {
      if (ONE_OF[action]) await expectBadFields(action, data, ONE_OF[action])
      else if (required.length) await expectBadFields(action, data, required)
      else expect(outcomeOf(await call(action, data))).not.toBe('BAD_REQUEST')
    }
  })

  it('refuses an openid in the request, naming it (identity never comes from the request)', async () => {
    if (TARGET_OPENID.has(action)) {
      // The member acted on, declared by the schema; the caller is still the platform's identity.
      expect(fields.some((f) => f.path.join('.') === 'openid')).toBe(true)
      return
    }
    await expectBadFields(action, { ...(sample as Json), openid: OPENIDS.admin }, ['openid'])
  })

  it('refuses unknown fields inside nested objects too', async () => {
    const nested = fields.filter((f) => unwrap(f.schema) instanceof z.ZodObject && isObject(valueAt(sample, f.path)))
    for (const { path } of nested) {
      const data = withValue(sample, [...path, 'extra'], 1)
      await expectBadFields(action, data, [[...path, 'extra'].join('.')])
    }
  })

  it('names each required field when it is missing', async () => {
    for (const { path } of fields.filter((f) => f.required)) {
      await expectBadFields(action, withValue(sample, path, REMOVE), [path.join('.')])
    }
  })

  it('never fails inside on hostile values of any field', async () => {
    for (const { path } of fields) {
      for (const value of HOSTILE_VALUES) {
        const answer = await call(action, withValue(sample, path, value))
        if (answer.ok) continue
        expect([path.join('.'), answer.error.code]).not.toEqual([path.join('.'), 'INTERNAL'])
        expectUserFacing(answer.error)
      }
    }
  })

  it('refuses keys named like Object.prototype members, at the top and nested, naming each key', async () => {
    const nested = fields.filter((f) => unwrap(f.schema) instanceof z.ZodObject && isObject(valueAt(sample, f.path)))
    for (const parent of [[], ...nested.map((f) => f.path)]) {
      for (const key of PROTOTYPE_KEYS) {
        const path = [...parent, key].join('.')
        const answer = await call(action, withOwnKey(sample, parent, key, { x: 1 }))
        const error = errorOf(answer, 'BAD_REQUEST')
        expect([path, Object.keys(error.fields ?? {})]).toEqual([path, [path]])
        expect([path, Object.getOwnPropertyDescriptor(error.fields, path)?.value]).toEqual([path, '不认识的字段'])
        expect(error.message).not.toMatch(/function|native code|Object|\[/)
        expect(error.message).toMatch(parent.length ? /^[\u4e00-\u9fa5]+不认识的字段$/ : /^请求内容不认识的字段$/)
      }
    }
  })

  it('names each field given a value of the wrong type', async () => {
    for (const { path, schema: field } of fields) {
      await expectBadFields(action, withValue(sample, path, wrongTypeFor(field)), [path.join('.')])
    }
  })
})

function valueAt(data: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, key) => (isObject(v) || Array.isArray(v) ? (v as Json)[key] : undefined), data)
}
