import { UsageError } from '../errors.js';
import type { StoreContents } from './read-items.js';

/** `--only NAME ...` and `--match PATTERN ...`: which flags a copy or a diff is about. */
export interface SelectionOptions {
  readonly only?: readonly string[];
  readonly match?: readonly string[];
}

export interface FlagSelection {
  /** False when neither option was given: every flag is selected. */
  readonly active: boolean;
  readonly names: ReadonlySet<string>;
  selects(featureName: string): boolean;
}

/**
 * A glob over whole flag names: `*` any run of characters (dots and slashes included, flag names
 * are not paths), `?` one character, everything else itself. `checkout.*` selects
 * `checkout.new_flow` and not `precheckout.x`.
 */
function globPattern(pattern: string): RegExp {
  if (pattern === '') throw new UsageError('--match needs a pattern, such as checkout.* or *_EXPERIMENT');
  const source = [...pattern].map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'su');
}

export function flagSelection(options: SelectionOptions): FlagSelection {
  const names = new Set(options.only ?? []);
  for (const name of names) if (name === '') throw new UsageError('--only needs flag names');
  const patterns = (options.match ?? []).map(globPattern);
  const active = names.size > 0 || patterns.length > 0;
  return {
    active,
    names,
    selects: (featureName) => !active || names.has(featureName) || patterns.some((pattern) => pattern.test(featureName)),
  };
}

/** The selected part of a store's contents. */
export function selectContents(contents: StoreContents, selection: FlagSelection): StoreContents {
  if (!selection.active) return contents;
  return {
    items: contents.items.filter((item) => selection.selects(item.featureName)),
    invalid: contents.invalid.filter((error) => error.featureName !== undefined && selection.selects(error.featureName)),
  };
}
