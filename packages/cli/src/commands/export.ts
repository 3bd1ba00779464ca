import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { progressBar } from '../progress-bar.js';
import { storeUrlOf, withStore, type CommandContext, type CommandResult } from '../session.js';
import { formatDocuments, type DocumentFormat } from '../sync/document-file.js';
import { readStore } from '../sync/read-items.js';

export interface ExportOptions {
  output?: string;
  format?: string;
}

export function formatOf(format: string | undefined, file: string | undefined): DocumentFormat {
  if (format === undefined) return file !== undefined && file.toLowerCase().endsWith('.json') ? 'json' : 'jsonl';
  if (format !== 'jsonl' && format !== 'json') throw new UsageError(`--format must be jsonl or json, got ${JSON.stringify(format)}`);
  return format;
}

/** Replaces `path` at once (a temporary file renamed over it): a failed export never leaves half a file. */
async function writeWhole(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new UsageError(`cannot write ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Every flag's stored document, in name order, exactly as the store keeps it (Python's JSON):
 * JSON lines, or with `--format json` one object of documents (the file store's format).
 */
export async function exportCommand(context: CommandContext, options: ExportOptions): CommandResult {
  const format = formatOf(options.format, options.output);
  const { output } = context;
  return withStore(context, storeUrlOf(context.globals), async ({ store }) => {
    const progress = progressBar(output.progressStream, { label: 'export', total: undefined, enabled: output.progress });
    const { items, invalid } = await readStore(store, context.globals.timeout, progress);
    progress.finish();
    const text = formatDocuments(items, format);
    if (options.output === undefined) output.write(text);
    else {
      await writeWhole(resolve(options.output), text);
      output.warn(`exported ${items.length} flag${items.length === 1 ? '' : 's'} to ${options.output}`);
    }
    for (const error of invalid) output.warn(`${error.message} (not exported)`);
    return invalid.length > 0 ? EXIT.flag : EXIT.ok;
  });
}
