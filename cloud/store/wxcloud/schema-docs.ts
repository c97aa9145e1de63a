import { SCHEMA } from './schema'

/** The markers of README.md's generated schema table. */
export const README_BEGIN = '<!-- schema:begin (npm run schema:wx -- --readme) -->'
export const README_END = '<!-- schema:end -->'

/** The README table of collections and their indexes, generated from SCHEMA. */
export function schemaTable(): string {
  const rows = Object.entries(SCHEMA).map(([name, spec]) => {
    const indexes = spec.indexes.length
      ? spec.indexes.map((i) => i.fields.map(([f, o]) => (o === 'asc' ? f : `${f} desc`)).join(', ')).join('; ')
      : '`_id` only'
    return `| \`${name}\` | ${spec.holds} | ${indexes} |`
  })
  return ['| collection | holds | indexes |', '|---|---|---|', ...rows].join('\n')
}
