import { stat } from 'node:fs/promises';
import { compareCodePoints } from '@flipper-client/core/store';
import { EXIT, UsageError } from '../errors.js';
import { scanReferences } from '../flag-references.js';
import { storeUrlOf, withStore, type CommandContext, type CommandResult } from '../session.js';

export interface RefsCommandOptions {
  readonly dir?: string;
}

/** What `flipper refs` found: names in the store and in code, each side's leftovers. */
export interface ReferenceReport {
  /** Stored flags some code names. */
  readonly referenced: readonly string[];
  /** Stored flags no code names: candidates for removal. */
  readonly unreferenced: readonly string[];
  /** Names in code that no stored flag has (a typo, or a flag already removed), with where. */
  readonly unknown: readonly { readonly name: string; readonly locations: readonly string[] }[];
}

/** `flipper refs --dir DIR`: flags no code references, and names in code the store does not hold. */
export async function refsCommand(context: CommandContext, options: RefsCommandOptions): CommandResult {
  const { output } = context;
  const dir = options.dir ?? '.';
  const isDirectory = await stat(dir).then((info) => info.isDirectory(), () => false);
  if (!isDirectory) throw new UsageError(`--dir ${JSON.stringify(dir)} is not a folder`);
  const references = await scanReferences(dir);
  return withStore(context, storeUrlOf(context.globals), async ({ store }) => {
    const stored = new Set<string>();
    for await (const item of store.list()) stored.add(item.featureName);
    const inCode = new Map<string, string[]>();
    for (const { name, location } of references) inCode.set(name, [...(inCode.get(name) ?? []), location]);
    const sorted = (names: Iterable<string>): string[] => [...names].sort(compareCodePoints);
    const report: ReferenceReport = {
      referenced: sorted([...stored].filter((name) => inCode.has(name))),
      unreferenced: sorted([...stored].filter((name) => !inCode.has(name))),
      unknown: sorted([...inCode.keys()].filter((name) => !stored.has(name))).map((name) => ({ name, locations: inCode.get(name)! })),
    };
    if (output.json) {
      output.value(report);
      return EXIT.ok;
    }
    output.line(`${report.referenced.length} stored flags referenced in ${dir}`);
    output.line(`${report.unreferenced.length} stored flags no code references${report.unreferenced.length > 0 ? ':' : ''}`);
    output.lines(report.unreferenced.map((name) => `  ${name}`));
    output.line(`${report.unknown.length} names in code that the store does not hold${report.unknown.length > 0 ? ':' : ''}`);
    output.lines(report.unknown.map(({ name, locations }) => `  ${name}  ${locations.join(', ')}`));
    return EXIT.ok;
  });
}
