import {
  FeatureFlagMeta,
  FeatureFlagStoreItem,
  FlagExistsError,
  InvalidArgumentError,
  assertWritableSize,
  contextOrDefault,
  encodeDocument,
  strictDocumentText,
  setOrCreate,
  updateWithCompareAndSet,
  type ChangeFeed,
  type ConditionalAccess,
  type Closable,
  type CreateIfAbsent,
  type FeatureFlagStore,
  type History,
  type HistoryAction,
  type FlipperError,
  type ItemChange,
  type StoreChangeListener,
  type StoreCreateOptions,
  type StoreListOptions,
  type Unsubscribe,
  type UsageCounts,
  type UsageQuery,
  type UsageReport,
  type FlagUsage,
  type WholeDocumentWrites,
  type WriteContext,
} from '@flipper-client/core/store';
import { RedisChangeFeed, type ChangeFeedSource } from './change-feed.js';
import { CommandRunner } from './command-runner.js';
import { DecodeMemo } from './decode-memo.js';
import { HistoryKeys } from './history-keys.js';
import { HistoryReads } from './history-reads.js';
import { runHistoryWriteScript } from './history-write-script.js';
import { KeyLayout } from './keys.js';
import { ReadBatcher } from './read-batcher.js';
import { FETCH_BATCH, fetchDocumentBytes, scanNames } from './list.js';
import { resolveOptions, type ResolvedRedisStoreOptions, type RedisStoreOptions } from './options.js';
import { configuredKeyPrefix, configuredSecrets, type RedisClient } from './redis-client.js';
import { ServerClock } from './server-clock.js';
import { addUsage, readUsage } from './usage-counts.js';
import { UsageLayout } from './usage-layout.js';
import { runWriteScript, type ScriptedWrite } from './write-script.js';

export const STORE_NAME = 'redis';

/**
 * A read for compare-and-set: the stored bytes are the version, compared byte for byte by the
 * script. Not the text: ioredis decodes bytes that are not UTF-8 as U+FFFD, and text re-encoded
 * from that never equals what is stored, so every attempt would lose a race with nobody.
 */
type Version = Buffer;

/**
 * Flags in Redis or a Redis Cluster, one JSON document per flag at `<baseKey>/<name>`, exactly
 * as the Python library stores them.
 *
 * - Every write runs one Lua script that writes and publishes the flag name on the change-feed
 *   channel; `create` and `put` are one such script call each; read-modify-writes (`update`, `set`, `setMeta`) merge in JavaScript and write only
 *   if the document is still the exact text read, retrying otherwise: no update is lost.
 * - Concurrent `get`s of one flag share one Redis read; a write by this store starts a new one.
 *   Reads asked for in the same turn of the event loop go out as one MGET.
 * - Each call is bounded by `commandTimeoutMs` and fails with a `StoreError` naming the flag; a
 *   failed write is a `WriteNotAppliedError` or a `WriteOutcomeUnknownError`, and the script's
 *   deadline (on the server's clock) makes sure it cannot land after that.
 * - `list` yields flags in code-point order of their names; a document whose bytes are not UTF-8
 *   goes to `onInvalid` rather than being listed with U+FFFD in place of its bytes.
 * - With history (the default), the write script also appends the write's entry to the flag's
 *   stream and trims it, in the flag's hash slot: the change and its entry are one step.
 * No local copy is kept (no `getSync`): put a cached store in front for that.
 */
export class RedisFeatureFlagStore
  implements FeatureFlagStore, ChangeFeed, Closable, WholeDocumentWrites, CreateIfAbsent, Partial<History>, UsageCounts
{
  readonly storeName = STORE_NAME;
  readonly atomicUpdates = true;
  // The History capability, present unless the store was made with `history: false`.
  readonly historyRetention?: History['historyRetention'];
  readonly history?: History['history'];
  readonly historyAcrossFlags?: History['historyAcrossFlags'];
  readonly historyEntry?: History['historyEntry'];
  readonly storedDocument?: History['storedDocument'];
  private readonly historyKeys: HistoryKeys;
  private readonly client: RedisClient;
  private readonly options: Readonly<ResolvedRedisStoreOptions>;
  private readonly layout: KeyLayout;
  private readonly runner: CommandRunner;
  private readonly feed: RedisChangeFeed;
  private readonly batcher: ReadBatcher;
  private readonly memo: DecodeMemo;
  private readonly clock: ServerClock;
  private readonly usage: UsageLayout;

  constructor(client: RedisClient, options: RedisStoreOptions = {}) {
    const prefix = configuredKeyPrefix(client);
    if (prefix !== undefined) {
      throw new InvalidArgumentError(
        `redis store: the client has keyPrefix ${JSON.stringify(prefix)}, which SCAN results do not carry; ` +
          `use the baseKey option instead so keys stay where the Python library looks`,
      );
    }
    this.client = client;
    this.options = Object.freeze(resolveOptions(options));
    this.layout = new KeyLayout(this.options.baseKey, this.options.channel);
    this.memo = new DecodeMemo(this.options.maxDocumentBytes);
    this.runner = new CommandRunner(STORE_NAME, client, this.options.commandTimeoutMs, configuredSecrets(client));
    this.feed = new RedisChangeFeed(client, this.layout, this.options, this.runner);
    this.batcher = new ReadBatcher(client, this.layout, this.runner, this.memo);
    this.clock = new ServerClock(client, this.runner);
    this.historyKeys = new HistoryKeys(this.layout);
    if (this.options.history !== undefined) {
      const reads = new HistoryReads(client, this.historyKeys, this.runner);
      this.historyRetention = this.options.history;
      this.history = (featureName, options) => reads.flag(featureName, options);
      this.historyAcrossFlags = (options) => reads.acrossFlags(options);
      this.historyEntry = (featureName, id) => reads.entry(featureName, id);
      this.storedDocument = (featureName) => this.runner.run('storedDocument', featureName, () => client.get(this.layout.key(featureName)));
    }
    this.usage = new UsageLayout(this.options.usageKey);
  }

  /** The key a flag is stored at: `<baseKey>/<name>`. */
  keyOf(featureName: string): string {
    return this.layout.key(featureName);
  }

  /** The key of a flag's history stream: `{<hash tag of the flag's key>}:history:<baseKey>/<name>`. */
  historyKeyOf(featureName: string): string {
    return this.historyKeys.key(featureName);
  }

  async create(featureName: string, options: StoreCreateOptions = {}, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    const item = newItem(featureName, options);
    await this.write('create', { mode: 'always', document: encodeDocument(item) }, featureName, contextOrDefault(context, 'create'));
    return item;
  }

  /** One `if-absent` script call: EXISTS and SET in one step, so of concurrent creates one wins. */
  async createIfAbsent(featureName: string, options: StoreCreateOptions = {}, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    const item = newItem(featureName, options);
    const written = await this.write(
      'createIfAbsent',
      { mode: 'if-absent', document: encodeDocument(item) },
      featureName,
      contextOrDefault(context, 'create_if_absent'),
    );
    if (!written) throw new FlagExistsError(featureName);
    return item;
  }

  /** The whole document in one SET (inside the write script, which publishes it), with no read. */
  async put(item: FeatureFlagStoreItem, context?: WriteContext): Promise<void> {
    await this.write('put', { mode: 'always', document: encodeDocument(item) }, item.featureName, contextOrDefault(context, 'put'));
  }

  get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    return this.batcher.read(featureName);
  }

  async set(featureName: string, isEnabled: boolean, context?: WriteContext): Promise<void> {
    // Creates a missing flag, as the Python stores do; otherwise keeps its metadata.
    const recorded = contextOrDefault(context, 'set');
    await setOrCreate({
      ...this.conditionalAccess('set', featureName, recorded),
      isEnabled,
      create: (item) => this.write('set', { mode: 'if-absent', document: encodeDocument(item) }, featureName, recorded),
    });
  }

  async delete(featureName: string, context?: WriteContext): Promise<void> {
    await this.write('delete', { mode: 'delete' }, featureName, contextOrDefault(context, 'delete'));
    this.memo.forget(featureName);
  }

  async *list(options: StoreListOptions = {}): AsyncIterable<FeatureFlagStoreItem> {
    const names = await scanNames(this.client, this.layout, this.runner);
    const offset = options.offset ?? 0;
    const page = names.slice(offset, options.limit === undefined ? undefined : offset + options.limit);
    const onInvalid = options.onInvalid ?? this.options.onError;
    for (let start = 0; start < page.length; start += FETCH_BATCH) {
      const batch = page.slice(start, start + FETCH_BATCH);
      const keys = batch.map((name) => this.layout.key(name));
      const documents = await fetchDocumentBytes(this.client, this.runner, keys).catch((error: unknown) => {
        throw this.runner.storeError('list', undefined, error);
      });
      for (const [index, bytes] of documents.entries()) {
        if (bytes === null) continue; // deleted since the scan
        let item: FeatureFlagStoreItem;
        try {
          item = this.memo.decode(batch[index]!, strictDocumentText(batch[index]!, bytes));
        } catch (error) {
          onInvalid(error as FlipperError);
          continue;
        }
        yield item;
      }
    }
  }

  async setMeta(featureName: string, meta: FeatureFlagMeta, context?: WriteContext): Promise<void> {
    const access = this.conditionalAccess('setMeta', featureName, contextOrDefault(context, 'set_meta'));
    await updateWithCompareAndSet({ ...access, change: (item) => item.withMeta(meta) });
  }

  update(featureName: string, change: ItemChange, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    return updateWithCompareAndSet({ ...this.conditionalAccess('update', featureName, contextOrDefault(context, 'update')), change });
  }

  watch(listener: StoreChangeListener): Unsubscribe {
    return this.feed.watch(listener);
  }

  /**
   * Starts the change feed if needed and resolves once its subscriptions are in place, to how it
   * hears of writes by other libraries (see README, "Change feed").
   */
  changeFeedReady(): Promise<ChangeFeedSource> {
    return this.feed.ready();
  }

  /** Drops the change feed's own connections; quits the client only with `closeClient: true`. */
  /** Adds a client's report to the day's usage hash: one pipeline (see `usage-counts.ts`). */
  addUsage(report: UsageReport): Promise<void> {
    return addUsage(this.client, this.runner, this.usage, this.options.usageRetentionDays, report);
  }

  readUsage(query?: UsageQuery): Promise<FlagUsage[]> {
    return readUsage(this.client, this.runner, this.usage, query);
  }

  /** The hash a day's usage counts are kept in: `<usageKey>:<YYYY-MM-DD>`. */
  usageKeyOf(day: string): string {
    return this.usage.dayKey(day);
  }

  async close(): Promise<void> {
    await this.feed.close();
    if (this.options.closeClient) {
      await this.client.quit().catch(() => this.client.disconnect());
    }
  }

  /** Reads the exact stored text as the version; writes only if the key still holds it. */
  private conditionalAccess(operation: string, featureName: string, context: WriteContext): ConditionalAccess<Version> {
    const key = this.layout.key(featureName);
    return {
      storeName: STORE_NAME,
      featureName,
      read: async () => {
        const bytes = await this.runner.readBeforeWrite(operation, featureName, () => this.client.getBuffer(key));
        return bytes === null ? undefined : { item: this.memo.decode(featureName, bytes.toString('utf8')), version: bytes };
      },
      write: (next, expected) =>
        this.write(operation, { mode: 'if-equal', expected, document: encodeDocument(next) }, featureName, context),
    };
  }

  private async write(
    operation: string,
    write: Pick<ScriptedWrite, 'mode' | 'expected' | 'document'>,
    featureName: string,
    context: WriteContext,
  ): Promise<boolean> {
    if (write.document !== undefined) assertWritableSize(featureName, write.document, this.options.maxDocumentBytes);
    // Taken just before the timer starts, so the deadline passes on the server before it fires.
    const deadlineMicros = await this.clock.deadlineMicros(operation, featureName);
    const scripted = { ...write, key: this.layout.key(featureName), channel: this.layout.channel, featureName, deadlineMicros };
    const retention = this.options.history;
    const written = await this.runner.write(operation, featureName, async () =>
      retention === undefined
        ? runWriteScript(this.client, scripted)
        : (await runHistoryWriteScript(this.client, {
            ...scripted,
            historyKey: this.historyKeys.key(featureName),
            actor: context.actor,
            action: context.action satisfies HistoryAction,
            limit: retention.limit,
            maxAgeMs: retention.maxAgeMs,
          })) !== undefined,
    );
    if (written) {
      // A read that started before this write may answer the old document: later reads start anew.
      this.batcher.forget(featureName);
      this.feed.notify({ kind: 'flag', featureName });
    }
    return written;
  }
}

function newItem(featureName: string, options: StoreCreateOptions): FeatureFlagStoreItem {
  const meta = new FeatureFlagMeta({ clientData: options.clientData ?? {} });
  return new FeatureFlagStoreItem(featureName, options.isEnabled ?? false, meta);
}
