/**
 * `npm run schema:wx`: the cloud database's collections and indexes, read from cloud/store/wxcloud/schema.ts
 * (the file the adapter and the test stand-in read too), for the deployment steps.
 * - no flag: a checklist to create them in the 云开发 console (permission 仅云函数可读写);
 * - `--json`: the same as JSON, for a deployment tool;
 * - `--readme`: rewrites README.md's table between its schema markers.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { schemaTable, README_BEGIN, README_END } from '../cloud/store/wxcloud/schema-docs'
import { SCHEMA } from '../cloud/store/wxcloud/schema'

const readme = join(__dirname, '..', 'README.md')
const flag = process.argv[2]

if (flag === '--json') {
  console.log(JSON.stringify(SCHEMA, null, 2))
} else if (flag === '--readme') {
  const text = readFileSync(readme, 'utf8')
  const begin = text.indexOf(README_BEGIN)
  const end = text.indexOf(README_END)
  if (begin < 0 || end < begin) throw new Error(`README.md has no ${README_BEGIN} … ${README_END} block`)
  writeFileSync(readme, `${text.slice(0, begin + README_BEGIN.length)}\n${schemaTable()}\n${text.slice(end)}`)
  console.log('README.md: schema table rewritten')
} else {
  for (const [name, spec] of Object.entries(SCHEMA)) {
    console.log(`collection ${name} (仅云函数可读写): ${spec.holds}`)
    for (const index of spec.indexes)
      console.log(
        `  index ${index.name}: ${index.fields.map(([f, o]) => `${f} ${o === 'asc' ? '升序' : '降序'}`).join(', ')}`,
      )
  }
}
