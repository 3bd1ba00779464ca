import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeDocument, FeatureFlagMeta, FeatureFlagStoreItem, type StoreChange, type StoreError } from '@flipper-client/core/store';
import { formatFlagFile, type FileFeatureFlagStore, type FileStoreLogger } from '../../src/index.js';

/** A folder of its own for each test file, removed at the end. */
export function tempFolder(prefix: string): { readonly path: string; file(name: string): string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, file: (name) => join(path, name), remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The text of a flag file holding these flags, each on or off, as the store writes it. */
export function flagFileText(flags: Record<string, boolean>): string {
  const documents = new Map<string, string>();
  for (const [name, enabled] of Object.entries(flags)) {
    const item = new FeatureFlagStoreItem(name, enabled, new FeatureFlagMeta({ createdDate: 1_764_743_400 }));
    documents.set(name, encodeDocument(item));
  }
  return formatFlagFile(documents);
}

/** What an editor does on save: write a temporary file beside it, rename it over the file. */
export function saveLikeAnEditor(path: string, text: string): void {
  const temporary = `${path}.swp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** What the store reported: change feed entries, `invalid` and `recovered` events, log lines. */
export interface Recorded {
  readonly changes: StoreChange[];
  readonly events: Array<{ event: 'invalid'; error: StoreError } | { event: 'recovered' }>;
  readonly warnings: string[];
  readonly infos: string[];
}

export function recordingLogger(): { logger: FileStoreLogger; warnings: string[]; infos: string[] } {
  const warnings: string[] = [];
  const infos: string[] = [];
  return { logger: { warn: (message) => warnings.push(message), info: (message) => infos.push(message) }, warnings, infos };
}

/** Subscribes to everything the store reports. */
export function record(store: FileFeatureFlagStore, logged: { warnings: string[]; infos: string[] }): Recorded {
  const recorded: Recorded = { changes: [], events: [], warnings: logged.warnings, infos: logged.infos };
  store.watch((change) => recorded.changes.push(change));
  store.on('invalid', (error) => recorded.events.push({ event: 'invalid', error }));
  store.on('recovered', () => recorded.events.push({ event: 'recovered' }));
  return recorded;
}

export function sawFlag(recorded: Recorded, name: string): boolean {
  return recorded.changes.some((change) => change.kind === 'all' || change.featureName === name);
}
