import { InvalidDocumentError } from '@flipper-client/core';
import { encodeDocument, hasChangeFeed, hasReadiness, type FeatureFlagStore, type FeatureFlagStoreItem, type StoreChange } from '@flipper-client/core/store';
import { EXIT, UsageError } from '../errors.js';
import type { Output } from '../output.js';
import { storeUrlOf, withStore, type CommandContext, type CommandResult } from '../session.js';
import { changedParts } from '../sync/plan.js';
import { readStore } from '../sync/read-items.js';

export interface WatchOptions {
  /** Stop after this many printed changes. */
  count?: number;
  /** Stop after this many seconds. */
  for?: number;
}

type Known = Map<string, FeatureFlagStoreItem | 'invalid'>;

function print(output: Output, event: 'created' | 'changed' | 'deleted' | 'invalid', name: string, item: FeatureFlagStoreItem | undefined, changed: readonly string[]): void {
  const time = new Date().toISOString();
  if (output.json) {
    output.value({ time, event, feature_name: name, changed, document: item === undefined ? null : JSON.parse(encodeDocument(item)) });
    return;
  }
  const detail =
    event === 'created' ? ` (${item!.enabled ? 'enabled' : 'disabled'})` : event === 'changed' ? `: ${changed.join(', ')}${changed.includes('is_enabled') ? ` (now ${item!.enabled ? 'enabled' : 'disabled'})` : ''}` : event === 'invalid' ? ': the stored document does not decode' : '';
  output.line(`${time}  ${event.padEnd(7)}  ${name}${detail}`);
}

/** Reads one flag again and prints what changed since it was last seen; resolves to whether anything was printed. */
async function settle(store: FeatureFlagStore, known: Known, name: string, output: Output): Promise<boolean> {
  let now: FeatureFlagStoreItem | 'invalid' | undefined;
  try {
    now = await store.get(name);
  } catch (error) {
    if (!(error instanceof InvalidDocumentError)) throw error;
    now = 'invalid';
  }
  const before = known.get(name);
  if (now === undefined) known.delete(name);
  else known.set(name, now);
  if (now === undefined) {
    if (before === undefined) return false;
    print(output, 'deleted', name, undefined, []);
  } else if (now === 'invalid') {
    if (before === 'invalid') return false;
    print(output, 'invalid', name, undefined, []);
  } else if (before === undefined) print(output, 'created', name, now, []);
  else if (before !== 'invalid' && encodeDocument(before) === encodeDocument(now)) return false;
  else print(output, 'changed', name, now, before === 'invalid' ? ['the whole document'] : changedParts(before, now));
  return true;
}

/** After a report that changes may have been missed: every flag seen before or stored now. */
async function everyName(store: FeatureFlagStore, known: Known, timeoutMs: number): Promise<string[]> {
  const { items, invalid } = await readStore(store, timeoutMs);
  const stored = [...items.map((item) => item.featureName), ...invalid.flatMap((error) => (error.featureName === undefined ? [] : [error.featureName]))];
  return [...new Set([...known.keys(), ...stored])];
}

/**
 * Prints every change to a flag as it happens, from the store's change feed: the flag is read
 * again and compared with what was seen before, so a change reported twice prints once. A
 * report that changes may have been missed (`{ kind: 'all' }`, after a reconnect) re-reads the
 * whole store.
 */
export async function watchCommand(context: CommandContext, options: WatchOptions): CommandResult {
  const { output } = context;
  return withStore(
    context,
    storeUrlOf(context.globals),
    async ({ store, spec }) => {
      if (spec.kind === 'memory') throw new UsageError('watch: memory: lives inside this one command; nothing else can change it');
      if (!hasChangeFeed(store)) throw new UsageError(`watch: the ${store.storeName} store has no change feed (the redis, redis+cluster, consul and file stores have one)`);
      const known: Known = new Map();
      for (const item of (await readStore(store, context.globals.timeout)).items) known.set(item.featureName, item);
      const queue: StoreChange[] = [];
      let wake: () => void = () => undefined;
      const unsubscribe = store.watch((change) => {
        queue.push(change);
        wake();
      });
      try {
        const feed = store as { changeFeedReady?: () => Promise<unknown> };
        await feed.changeFeedReady?.();
        if (hasReadiness(store)) await store.ready();
        let printed = 0;
        let stopped = false;
        const stop = (): void => {
          stopped = true;
          wake();
        };
        // Before the line that says it is watching: a signal sent on seeing it must find them.
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        output.warn(`watching ${spec.display}: ${known.size} flag${known.size === 1 ? '' : 's'} (Ctrl-C to stop)`);
        const timer = options.for === undefined ? undefined : setTimeout(stop, options.for * 1000);
        // Keeps the process alive while nothing else does (a feed that is only a file watcher).
        const keepAlive = setInterval(() => undefined, 60_000);
        try {
          while (!stopped && (options.count === undefined || printed < options.count)) {
            const change = queue.shift();
            if (change === undefined) {
              await new Promise<void>((resolve) => (wake = resolve));
              continue;
            }
            const names = change.kind === 'flag' ? [change.featureName] : await everyName(store, known, context.globals.timeout);
            for (const name of names) if (await settle(store, known, name, output)) printed++;
          }
        } finally {
          clearInterval(keepAlive);
          if (timer !== undefined) clearTimeout(timer);
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
        return EXIT.ok;
      } finally {
        unsubscribe();
      }
    },
    { forWatch: true },
  );
}
