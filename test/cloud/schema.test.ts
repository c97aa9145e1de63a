/**
 * Schema as code: every collection the cloud adapter touches is declared in cloud/store/wxcloud/schema.ts,
 * and README's deployment table is the one generated from it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { README_BEGIN, README_END, schemaTable } from '../../cloud/store/wxcloud/schema-docs'
import { COLLECTIONS } from '../../cloud/store/wxcloud/schema'

const root = join(__dirname, '..', '..')

describe('the cloud database schema', () => {
  it('declares every collection the adapter uses', () => {
    const dir = join(root, 'cloud', 'store', 'wxcloud')
    const used = new Set<string>()
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(
        /collection\('([a-z_]+)'\)|getDoc(?:<[^>]+>)?\(db, '([a-z_]+)'/g,
      ))
        used.add(m[1] ?? m[2])
    }
    expect([...used].filter((c) => !(COLLECTIONS as string[]).includes(c))).toEqual([])
  })

  it("is the table README's deployment steps show", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const block = readme.slice(readme.indexOf(README_BEGIN) + README_BEGIN.length, readme.indexOf(README_END))
    expect(block.trim()).toBe(schemaTable())
  })
})
