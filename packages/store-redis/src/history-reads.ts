import {
  compareHistoryIds,
  resolveHistoryReadOptions,
  type HistoryAction,
  type HistoryEntry,
  type HistoryReadOptions,
} from '@flipper-client/core/store';
import type { CommandRunner } from './command-runner.js';
import { flagDiscriminator, streamBound, streamIdOf, type HistoryKeys } from './history-keys.js';
import { dataNodes, isCluster, type RedisClient } from './redis-client.js';

const SCAN_COUNT = 1000;
/** Streams read at once across flags: enough to fill the pipe, few enough not to flood it. */
const READ_CONCURRENCY = 64;

type StreamRecord = [id: string, fields: string[]];

/** A stream record as an entry; `discriminator` is the flag's (see `flagDiscriminator`), computed once per read. */
function toEntry(featureName: string, discriminator: string, [id, fields]: StreamRecord): HistoryEntry {
  let at = Number.NaN;
  let actor = '';
  let action = 'update';
  let before: string | null = null;
  let after: string | null = null;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const value = fields[i + 1]!;
    switch (fields[i]) {
      case 'at':
        at = Number(value);
        break;
      case 'actor':
        actor = value;
        break;
      case 'action':
        action = value;
        break;
      case 'before':
        before = value;
        break;
      case 'after':
        after = value;
        break;
    }
  }
  return Object.freeze({ id: `${id}-${discriminator}`, at, actor, action: action as HistoryAction, featureName, before, after });
}

/** Reads the history streams of a store: per flag, across flags, one entry. */
export class HistoryReads {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: HistoryKeys,
    private readonly runner: CommandRunner,
  ) {}

  /**
   * Newest first, older than `before`: XREVRANGE from the stream id of `before` inclusive, one
   * more than the page, then the exact cut by the whole id (another flag's id may share the
   * stream id part).
   */
  async flag(featureName: string, options?: HistoryReadOptions): Promise<HistoryEntry[]> {
    const { limit, before } = resolveHistoryReadOptions(options);
    return this.page(featureName, limit, before);
  }

  async acrossFlags(options?: HistoryReadOptions): Promise<HistoryEntry[]> {
    const { limit, before } = resolveHistoryReadOptions(options);
    const names = await this.scanFlags();
    const merged: HistoryEntry[] = [];
    for (let start = 0; start < names.length; start += READ_CONCURRENCY) {
      const pages = await Promise.all(names.slice(start, start + READ_CONCURRENCY).map((name) => this.page(name, limit, before)));
      merged.push(...pages.flat());
    }
    return merged.sort((a, b) => compareHistoryIds(b.id, a.id)).slice(0, limit);
  }

  async entry(featureName: string, id: string): Promise<HistoryEntry | undefined> {
    const streamId = streamIdOf(id, featureName);
    if (streamId === undefined) return undefined;
    const records = (await this.runner.run('historyEntry', featureName, () =>
      this.client.xrange(this.keys.key(featureName), streamId, streamId),
    )) as StreamRecord[];
    return records[0] === undefined ? undefined : toEntry(featureName, flagDiscriminator(featureName), records[0]);
  }

  private async page(featureName: string, limit: number, before: string | undefined): Promise<HistoryEntry[]> {
    const end = before === undefined ? '+' : streamBound(before)!;
    const records = (await this.runner.run('history', featureName, () =>
      this.client.xrevrange(this.keys.key(featureName), end, '-', 'COUNT', limit + 1),
    )) as StreamRecord[];
    const discriminator = flagDiscriminator(featureName);
    const entries = records.map((record) => toEntry(featureName, discriminator, record));
    return (before === undefined ? entries : entries.filter((entry) => compareHistoryIds(entry.id, before) < 0)).slice(0, limit);
  }

  /** Every flag with a history stream under the base key, on the client or every master. */
  private async scanFlags(): Promise<string[]> {
    if (isCluster(this.client) && this.client.status !== 'ready') {
      await this.runner.run('history', undefined, () => this.client.ping());
    }
    const names = new Set<string>();
    await Promise.all(
      dataNodes(this.client).map(async (node) => {
        let cursor = '0';
        do {
          const [next, found] = await this.runner.run('history', undefined, () =>
            node.scan(cursor, 'MATCH', this.keys.scanPattern, 'COUNT', SCAN_COUNT, 'TYPE', 'stream'),
          );
          cursor = next;
          for (const key of found) {
            const name = this.keys.nameOf(key);
            if (name !== undefined) names.add(name);
          }
        } while (cursor !== '0');
      }),
    );
    return [...names];
  }
}
