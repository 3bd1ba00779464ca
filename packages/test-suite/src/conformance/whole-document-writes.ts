import { describe, expect, it } from '@jest/globals';
import { Condition, ConsistentHashPercentageBucketer, Percentage } from '@flipper-client/core';
import {
  decodeDocument,
  encodeDocument,
  FeatureFlagMeta,
  FeatureFlagStoreItem,
  type FeatureFlagStore,
  type StoreChange,
  type WholeDocumentWrites,
} from '@flipper-client/core/store';
import { collect } from '../collect.js';
import { waitFor } from '../wait-for.js';
import { sawFlag } from './change-feed.js';
import type { ConformanceContext, StoreCapabilities } from './context.js';
import { PYTHON_DOCUMENTS } from './python-documents.js';

/** A flag with everything a document holds, none of it what `create` would write. */
function wholeItem(featureName: string, enabled = true): FeatureFlagStoreItem {
  return new FeatureFlagStoreItem(
    featureName,
    enabled,
    new FeatureFlagMeta({
      createdDate: 1_650_000_000,
      clientData: { owner: 'ops', limits: { rps: 10, ratio: 2.5 }, note: 'ü 🚩' },
      conditions: [new Condition({ is_admin: true }), new Condition({ age__gte: 18, country__in: ['FR', 'DE'] })],
      bucketer: new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.25) }),
    }),
  );
}

function putter(store: FeatureFlagStore): WholeDocumentWrites {
  if (typeof store.put !== 'function') throw new Error(`conformance: the ${store.storeName} store has no put`);
  return store as FeatureFlagStore & WholeDocumentWrites;
}

async function documentOf(store: FeatureFlagStore, featureName: string): Promise<string | undefined> {
  const item = await store.get(featureName);
  return item && encodeDocument(item);
}

/** `put`: a whole flag in one write, exactly as given, without a read; shown and announced as any write. */
export function registerWholeDocumentWriteTests(ctx: ConformanceContext, capabilities: StoreCapabilities): void {
  const put = (item: FeatureFlagStoreItem): Promise<void> => putter(ctx.store).put(item);

  describe('whole-document writes (put)', () => {
    it('creates a missing flag with exactly the item, created date included, shown to the next read', async () => {
      const item = wholeItem('PUT_NEW');
      await put(item);
      const read = await ctx.store.get('PUT_NEW');
      expect(read?.featureName).toBe('PUT_NEW');
      expect(encodeDocument(read!)).toBe(encodeDocument(item));
      expect(read!.meta.createdDate).toBe(1_650_000_000);
      for (const checks of [{ is_admin: true }, { age: 30, country: 'FR' }, { age: 30, country: 'US' }, { user_id: 7 }, {}]) {
        expect(read!.evaluate(checks)).toBe(item.evaluate(checks));
      }
    });

    it('replaces a stored flag whole, keeping nothing of what it held', async () => {
      await ctx.store.create('PUT_OVER', { isEnabled: true, clientData: { stale: true } });
      await ctx.store.setMeta('PUT_OVER', new FeatureFlagMeta({ clientData: { stale: true }, conditions: [new Condition({ beta: true })] }));
      const replacement = new FeatureFlagStoreItem('PUT_OVER', false, new FeatureFlagMeta({ createdDate: 1_600_000_000, clientData: { fresh: 1 } }));
      await put(replacement);
      const read = await ctx.store.get('PUT_OVER');
      expect(encodeDocument(read!)).toBe(encodeDocument(replacement));
      expect(read!.clientData()).toEqual({ fresh: 1 });
      expect(read!.meta.conditions).toEqual([]);
      await put(wholeItem('PUT_OVER'));
      expect(await documentOf(ctx.store, 'PUT_OVER')).toBe(encodeDocument(wholeItem('PUT_OVER')));
    });

    it('is listed once, as last put, beside the other flags', async () => {
      await put(wholeItem('PUT_LISTED', false));
      await ctx.store.create('PUT_LISTED_OTHER');
      await put(wholeItem('PUT_LISTED', true));
      const listed = await collect(ctx.store.list());
      expect(listed.map((item) => item.featureName).sort()).toEqual(['PUT_LISTED', 'PUT_LISTED_OTHER']);
      expect(encodeDocument(listed.find((item) => item.featureName === 'PUT_LISTED')!)).toBe(encodeDocument(wholeItem('PUT_LISTED', true)));
    });

    if (capabilities.writeRaw !== false) {
      it('replaces a document it cannot read: put does not read first', async () => {
        await ctx.handle.writeRaw!('PUT_OVER_CORRUPT', '{"feature_name": "PUT_OVER_CORRUPT", "is_enab');
        await put(wholeItem('PUT_OVER_CORRUPT'));
        expect(await documentOf(ctx.store, 'PUT_OVER_CORRUPT')).toBe(encodeDocument(wholeItem('PUT_OVER_CORRUPT')));
      });
    }

    if (capabilities.readRaw !== false) {
      it('stores the encoded document byte for byte', async () => {
        const item = wholeItem('PUT_BYTES');
        await put(item);
        expect(await ctx.handle.readRaw!('PUT_BYTES')).toBe(encodeDocument(item));
        await expect(ctx.handle.readRaw!('PUT_NEVER_STORED')).resolves.toBeUndefined();
      });

      it.each(PYTHON_DOCUMENTS.map((doc) => [JSON.parse(doc.text).feature_name as string, doc.text] as const))(
        'stores the Python-written document %s as Python wrote it',
        async (name, text) => {
          await put(decodeDocument(name, text));
          expect(await ctx.handle.readRaw!(name)).toBe(text);
        },
      );
    }

    if (capabilities.syncReads !== false) {
      it('shows the put to synchronous reads at once', async () => {
        await ctx.store.ready?.();
        await waitFor(() => ctx.store.syncReady === true, ctx.changeFeedTimeoutMs, 'the local copy');
        await ctx.store.create('PUT_SYNC', { isEnabled: true });
        await put(wholeItem('PUT_SYNC', false));
        const read = ctx.store.getSync!('PUT_SYNC');
        expect(read && encodeDocument(read)).toBe(encodeDocument(wholeItem('PUT_SYNC', false)));
      });
    }

    if (capabilities.changeFeed !== false) {
      it("reports its own put and another connection's on the change feed", async () => {
        const changes: StoreChange[] = [];
        const stop = ctx.store.watch!((change) => changes.push(change));
        try {
          await put(wholeItem('PUT_FEED'));
          await waitFor(() => sawFlag(changes, 'PUT_FEED'), ctx.changeFeedTimeoutMs, 'the put');
          changes.length = 0;
          const peer = await ctx.peer();
          const theirs = wholeItem('PUT_FEED_PEER', false);
          await putter(peer).put(theirs);
          await waitFor(() => sawFlag(changes, 'PUT_FEED_PEER'), ctx.changeFeedTimeoutMs, "the peer's put");
          await waitFor(
            async () => (await documentOf(ctx.store, 'PUT_FEED_PEER')) === encodeDocument(theirs),
            ctx.changeFeedTimeoutMs,
            "the peer's put to read back",
          );
        } finally {
          stop();
        }
      });
    }

    if (capabilities.atomicUpdates !== false) {
      it('is one write: an update racing it ends on the put, never on what the put replaced', async () => {
        const old = new FeatureFlagMeta({ createdDate: 1_500_000_000, clientData: { n: 0 }, conditions: [new Condition({ old: true })] });
        await ctx.store.create('PUT_RACE');
        await ctx.store.setMeta('PUT_RACE', old);
        const replacement = new FeatureFlagStoreItem('PUT_RACE', true, old.with({ clientData: { n: 100 }, conditions: [new Condition({ new: true })] }));
        const peers = await Promise.all(Array.from({ length: 6 }, () => ctx.peer()));
        await Promise.all([
          put(replacement),
          ...peers.map((peer) =>
            peer.update('PUT_RACE', (item) => item.withMeta(item.meta.with({ clientData: { n: (item.meta.clientData['n'] as number) + 1 } }))),
          ),
        ]);
        // Through a connection of its own: a store's local copy may still show its own put.
        const read = await (await ctx.peer()).get('PUT_RACE');
        expect(read?.enabled).toBe(true);
        expect(read?.meta.conditions.map((condition) => condition.toJSON())).toEqual([new Condition({ new: true }).toJSON()]);
        const n = read!.meta.clientData['n'] as number;
        expect(n).toBeGreaterThanOrEqual(100);
        expect(n).toBeLessThanOrEqual(100 + peers.length);
      });
    }
  });
}
