import type { ExportFile } from '../../types'
import type { Ctx } from '../core/context'

/** An export larger than this goes to storage and comes back as a link (a function's answer stays small). */
export const INLINE_MAX_BYTES = 256 * 1024

/**
 * The answer of an export: the CSV inline when small, else stored whole through the platform (cloud
 * storage, or a local file) and answered as a link with `csv` empty. The link is made only after the whole
 * file is stored, so an instance that dies on the way hands back nothing.
 */
export async function deliverCsv(
  ctx: Pick<Ctx, 'platform' | 'now'>,
  filename: string,
  csv: string,
): Promise<ExportFile> {
  const content = Buffer.from(csv, 'utf8')
  if (content.length <= INLINE_MAX_BYTES) return { filename, csv }
  const stored = await ctx.platform.uploadExport({ filename, content }, ctx.now())
  return { filename, csv: '', ...stored }
}
