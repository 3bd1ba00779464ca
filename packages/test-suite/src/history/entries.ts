import { describe, expect, it } from '@jest/globals';
import { Condition } from '@flipper-client/core';
import {
  defaultActor,
  encodeDocument,
  FeatureFlagMeta,
  FeatureFlagStoreItem,
  FlagDoesNotExistError,
  FlagExistsError,
  hasCreateIfAbsent,
  hasWholeDocumentWrites,
  type HistoryEntry,
} from '@flipper-client/core/store';
import { collect } from '../collect.js';
import { expectConsistentChain } from './chain.js';
import type { HistoryContext } from './context.js';

const BY = { actor: 'user:conformance', action: 'import' } as const;

/** One entry per kind of write, holding exactly the texts before and after; none for a write that changed nothing. */
export function registerEntryTests(ctx: HistoryContext): void {
  describe('history entries', () => {
    it('records each kind of write once, with before and after as stored', async () => {
      const { store } = ctx;
      const texts: Array<string | null> = [null];
      const wrote = async (write: () => Promise<unknown>): Promise<void> => {
        await write();
        texts.push(await ctx.stored('KINDS'));
      };
      await wrote(() => store.create('KINDS', { clientData: { step: 1 } }));
      await wrote(() => store.set('KINDS', true));
      await wrote(() => store.setMeta('KINDS', new FeatureFlagMeta({ clientData: { step: 3 }, conditions: [new Condition({ a: 1 })] })));
      await wrote(() => store.update('KINDS', (item) => item.withEnabled(false)));
      if (hasWholeDocumentWrites(store)) await wrote(() => store.put(new FeatureFlagStoreItem('KINDS', true)));
      await wrote(() => store.delete('KINDS'));
      if (hasCreateIfAbsent(store)) await wrote(() => store.createIfAbsent('KINDS'));
      await wrote(() => store.set('KINDS_NEW', true).then(() => store.delete('KINDS_NEW')));
      texts.pop(); // the last step wrote another flag

      const entries = await store.history('KINDS', { limit: 100 });
      const expected = ['create', 'set', 'set_meta', 'update', ...(hasWholeDocumentWrites(store) ? ['put'] : []), 'delete'];
      if (hasCreateIfAbsent(store)) expected.push('create_if_absent');
      expect(entries.map((entry) => entry.action)).toEqual(expected.reverse());
      const oldestFirst = [...entries].reverse();
      for (const [i, entry] of oldestFirst.entries()) {
        expect(entry).toMatchObject({ featureName: 'KINDS', actor: defaultActor(), before: texts[i], after: texts[i + 1] });
      }
      expect(oldestFirst.find((entry) => entry.action === 'delete')!.after).toBeNull();
      expectConsistentChain(entries, await ctx.stored('KINDS'));
      expect((await store.history('KINDS_NEW')).map((entry) => entry.action)).toEqual(['delete', 'set']);
    });

    it('records the actor and action a write brings', async () => {
      const { store } = ctx;
      await store.create('CONTEXT', {}, BY);
      await store.update('CONTEXT', (item) => item.withEnabled(true), { actor: 'user:ünïcode 🚩', action: 'enable' });
      await store.delete('CONTEXT', { actor: 'cli:ops', action: 'destroy' });
      const entries = await store.history('CONTEXT');
      expect(entries.map(({ actor, action }) => [actor, action])).toEqual([
        ['cli:ops', 'destroy'],
        ['user:ünïcode 🚩', 'enable'],
        ['user:conformance', 'import'],
      ]);
      expect(typeof entries[0]!.at).toBe('number');
      expect(Math.abs(entries[0]!.at - Date.now())).toBeLessThan(60_000);
    });

    it('records nothing for writes that change nothing', async () => {
      const { store } = ctx;
      await store.delete('NOTHING');
      await expect(store.update('NOTHING', (item) => item)).rejects.toBeInstanceOf(FlagDoesNotExistError);
      await store.create('NOTHING');
      await expect(
        store.update('NOTHING', () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      if (hasCreateIfAbsent(store)) await expect(store.createIfAbsent('NOTHING')).rejects.toBeInstanceOf(FlagExistsError);
      expect((await store.history('NOTHING')).map((entry) => entry.action)).toEqual(['create']);
      expect(await store.history('NEVER_WRITTEN')).toEqual([]);
    });

    it('keeps history where listing does not look, and after the flag is gone', async () => {
      const { store } = ctx;
      await store.create('LISTED');
      await store.create('DESTROYED');
      await store.set('DESTROYED', true);
      await store.delete('DESTROYED');
      const listed = await collect(store.list());
      expect(listed.map((item) => item.featureName)).toEqual(['LISTED']);
      expect((await store.history('DESTROYED')).length).toBe(3);
    });

    it('answers the stored text, and one entry by id', async () => {
      const { store } = ctx;
      const item = await store.create('BY_ID', { clientData: { n: 1 } });
      expect(await store.storedDocument('BY_ID')).toBe(encodeDocument(item));
      expect(await store.storedDocument('NOT_STORED')).toBeNull();
      const [entry] = await store.history('BY_ID');
      expect(await store.historyEntry('BY_ID', entry!.id)).toEqual(entry);
      expect(await store.historyEntry('OTHER_FLAG', entry!.id)).toBeUndefined();
      const unknown: HistoryEntry | undefined = await store.historyEntry('BY_ID', `${entry!.id}9`);
      expect(unknown).toBeUndefined();
      if (ctx.handle.writeRaw !== undefined) {
        await ctx.handle.writeRaw('BY_ID', '{"not": "a flag');
        expect(await store.storedDocument('BY_ID')).toBe('{"not": "a flag');
      }
    });
  });
}
