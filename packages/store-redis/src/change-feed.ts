import {
  ChangeListeners,
  type StoreChange,
  type StoreChangeListener,
  type Unsubscribe,
} from '@flipper-client/core/store';
import type { Cluster, Redis } from 'ioredis';
import { ChannelEchoFilter } from './channel-echo-filter.js';
import type { CommandRunner } from './command-runner.js';
import { ensureKeyspaceEvents } from './keyspace-config.js';
import type { KeyLayout } from './keys.js';
import type { ResolvedRedisStoreOptions } from './options.js';
import { databaseIndex, dataNodes, isCluster, type RedisClient } from './redis-client.js';

/**
 * How the feed hears of writes made without this library's channel (the Python library, a
 * redis-cli `SET`): `keyspace` notifications, a periodic `fallback` "everything may have
 * changed", or `channel-only` (neither: only writers that publish are heard).
 */
export type ChangeFeedSource = 'keyspace' | 'fallback' | 'channel-only';

const ALL: StoreChange = Object.freeze({ kind: 'all' });

/**
 * The change feed of a Redis store, started by the first `watch`: a subscriber connection of
 * its own on the store's channel (every write of this library publishes the flag name there)
 * plus keyspace notifications of the flag keys, on every master of a cluster since a node only
 * notifies about its own keys. A write of this library is heard both ways; the channel message
 * that repeats a notification is dropped (see {@link ChannelEchoFilter}). After any reconnect it
 * reports `all`, since messages sent while disconnected are lost. Every error it surfaces — on
 * `onError` or from `ready()` — is a `StoreError` with a sanitized cause.
 */
export class RedisChangeFeed {
  private readonly listeners: ChangeListeners;
  private readonly connections: (Redis | Cluster)[] = [];
  /** On a cluster: each master followed, with its keyspace subscriber (undefined while it starts). */
  private readonly followed = new Map<Redis, Redis | undefined>();
  private stopFollowing: (() => void) | undefined;
  private readonly echoes = new ChannelEchoFilter();
  private started: Promise<ChangeFeedSource> | undefined;
  private fallbackTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly client: RedisClient,
    private readonly layout: KeyLayout,
    private readonly options: ResolvedRedisStoreOptions,
    private readonly runner: CommandRunner,
  ) {
    this.listeners = new ChangeListeners((error, change) =>
      this.options.onError(this.runner.storeError('watch', change.kind === 'flag' ? change.featureName : undefined, error)),
    );
  }

  watch(listener: StoreChangeListener): Unsubscribe {
    const stop = this.listeners.add(listener);
    this.ready().catch((error: unknown) => this.options.onError(this.runner.storeError('watch', undefined, error)));
    return stop;
  }

  /** Starts the feed if needed; resolves once its subscriptions are in place, rejects with a StoreError. */
  ready(): Promise<ChangeFeedSource> {
    this.started ??= this.start().catch((error: unknown) => {
      throw this.runner.storeError('watch', undefined, error);
    });
    return this.started;
  }

  notify(change: StoreChange): void {
    this.listeners.notify(change);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    if (this.fallbackTimer !== undefined) clearInterval(this.fallbackTimer);
    this.stopFollowing?.();
    this.followed.clear();
    // Our own connections: dropped at once, without waiting on a server that may be gone.
    for (const connection of this.connections.splice(0)) connection.disconnect();
  }

  private async start(): Promise<ChangeFeedSource> {
    // Subscriptions wait for a connection however long it takes (no retry limit per command).
    const subscriber = this.subscriber(
      isCluster(this.client) ? this.client.duplicate() : this.client.duplicate({ maxRetriesPerRequest: null }),
    );
    subscriber.on('message', (channel: string, featureName: string) => {
      if (channel === this.layout.channel && !this.echoes.isEcho(featureName)) this.notify({ kind: 'flag', featureName });
    });
    await subscriber.subscribe(this.layout.channel);

    if (await this.enableKeyspaceEvents()) {
      if (isCluster(this.client)) {
        await this.followMasters(this.client);
      } else {
        await this.listenToKeyspace(subscriber as Redis, this.client);
      }
      return 'keyspace';
    }
    return this.startFallback();
  }

  private async enableKeyspaceEvents(): Promise<boolean> {
    if (this.options.keyspaceEvents === 'off') return false;
    try {
      if (isCluster(this.client) && this.client.status !== 'ready') {
        await this.runner.run('watch', undefined, () => (this.client as Cluster).ping());
      }
      const answers = await Promise.all(
        dataNodes(this.client).map((node) =>
          this.runner.run('watch', undefined, () => ensureKeyspaceEvents(node, this.options.keyspaceEvents)),
        ),
      );
      return answers.length > 0 && answers.every(Boolean);
    } catch (error) {
      this.options.onError(this.runner.storeError('watch', undefined, error));
      return false;
    }
  }

  /**
   * Keyspace notifications of every master: a node notifies only about its own keys. The masters
   * change while the feed runs (a master added and given slots, a replica promoted, a node gone
   * and back): after each topology refresh of the client the feed follows the masters it does
   * not follow yet and reports `all`, since their writes before it subscribed were not heard. A
   * node the client drops is dropped too, so no subscriber keeps dialling a removed node.
   */
  private async followMasters(cluster: Cluster): Promise<void> {
    const followNew = (): void => {
      this.followNewMasters(cluster).then(
        (followed) => followed && this.notify(ALL),
        (error: unknown) => {
          this.options.onError(this.runner.storeError('watch', undefined, error));
          this.startFallback();
        },
      );
    };
    const unfollow = (node: Redis): void => {
      const subscriber = this.followed.get(node);
      this.followed.delete(node);
      if (subscriber === undefined) return;
      subscriber.disconnect();
      const index = this.connections.indexOf(subscriber);
      if (index >= 0) this.connections.splice(index, 1);
    };
    cluster.on('+node', followNew);
    cluster.on('refresh', followNew);
    cluster.on('-node', unfollow);
    this.stopFollowing = () => {
      cluster.off('+node', followNew);
      cluster.off('refresh', followNew);
      cluster.off('-node', unfollow);
    };
    await this.followNewMasters(cluster);
  }

  /** Subscribes to the masters not followed yet; true when there were any. */
  private async followNewMasters(cluster: Cluster): Promise<boolean> {
    const joining = dataNodes(cluster).filter((node) => !this.followed.has(node));
    if (joining.length === 0 || this.closed) return false;
    // Claimed before any await, so a refresh meanwhile does not follow a node twice.
    for (const node of joining) this.followed.set(node, undefined);
    await Promise.all(
      joining.map(async (node) => {
        try {
          await this.runner.run('watch', undefined, () => ensureKeyspaceEvents(node, this.options.keyspaceEvents));
        } catch (error) {
          // Not followed, so the next refresh tries this node again.
          this.followed.delete(node);
          throw error;
        }
        if (!this.followed.has(node)) return;
        const subscriber = this.subscriber(node.duplicate({ maxRetriesPerRequest: null }));
        this.followed.set(node, subscriber);
        await this.listenToKeyspace(subscriber, node);
      }),
    );
    return true;
  }

  private async listenToKeyspace(subscriber: Redis, node: Redis): Promise<void> {
    const prefix = this.layout.keyspacePrefix(databaseIndex(node));
    subscriber.on('pmessage', (_pattern: string, channel: string) => {
      if (!channel.startsWith(prefix)) return;
      const featureName = channel.slice(prefix.length);
      this.echoes.keyspaceEvent(featureName);
      this.notify({ kind: 'flag', featureName });
    });
    // A restarted server has forgotten the CONFIG SET: set it again, then report what was missed.
    let connectedBefore = subscriber.status === 'ready';
    subscriber.on('ready', () => {
      if (!connectedBefore) {
        connectedBefore = true;
        return;
      }
      void this.runner
        .run('watch', undefined, () => ensureKeyspaceEvents(node, this.options.keyspaceEvents))
        .then(
          () => this.notify(ALL),
          (error: unknown) => {
            this.options.onError(this.runner.storeError('watch', undefined, error));
            this.startFallback();
          },
        );
    });
    await subscriber.psubscribe(this.layout.keyspacePattern(databaseIndex(node)));
  }

  private startFallback(): ChangeFeedSource {
    if (this.options.fallbackIntervalMs === 0) return 'channel-only';
    if (this.fallbackTimer === undefined && !this.closed) {
      this.fallbackTimer = setInterval(() => this.notify(ALL), this.options.fallbackIntervalMs);
      this.fallbackTimer.unref();
    }
    return 'fallback';
  }

  /**
   * Registers one of our connections: errors reported; a lost connection (Redis dropped it — an
   * output buffer over its limit, a restart — or the network did) reported on `onError` and as
   * `all` at once, since what is written from then on goes unheard; and `all` again once it is
   * subscribed again, so that a cache reloads what it missed meanwhile.
   */
  private subscriber<C extends Redis | Cluster>(connection: C): C {
    this.connections.push(connection);
    if (this.closed) connection.disconnect();
    let connectedBefore = false;
    let lost = false;
    connection.on('error', (error: unknown) => this.options.onError(this.runner.storeError('watch', undefined, error)));
    connection.on('close', () => {
      if (!connectedBefore || lost || this.closed) return;
      lost = true;
      const message = 'change feed connection lost; changes may have been missed until it is subscribed again (reported as "all")';
      this.options.onError(this.runner.storeError('watch', undefined, new Error(message)));
      this.notify(ALL);
    });
    connection.on('ready', () => {
      lost = false;
      if (connectedBefore) void this.resubscribed(connection).then(() => this.notify(ALL));
      connectedBefore = true;
    });
    return connection;
  }

  /**
   * Resolves once a reconnected subscriber is subscribed again: ioredis sends its SUBSCRIBE
   * commands on `ready`, and a PING after them is answered after them. A cluster connection
   * sends the PING to any node, so it is not waited for there.
   */
  private async resubscribed(connection: Redis | Cluster): Promise<void> {
    if (isCluster(connection as RedisClient)) return;
    await this.runner.execute(() => connection.ping()).catch(() => undefined);
  }
}
