/** Prints the measured operations per action (`npx tsx test/support/print-ops.ts`). */
import { measureActions } from './ops-world'

void measureActions().then((rows) => {
  for (const m of rows) console.log(`${String(m.ops).padStart(3)}  budget ${m.budget ?? '-'}  ${m.action}`)
})
