import { describe, expect, it } from '@jest/globals';
import { Condition, FlagDoesNotExistError } from '@flipper-client/core';
import { encodeDocument, FeatureFlagMeta } from '@flipper-client/core/store';
import type { ConformanceContext } from './context.js';

/** create, get, set, delete, setMeta and update, each read back at once (read-your-writes). */
export function registerBasicTests(ctx: ConformanceContext): void {
  describe('create and get', () => {
    it('creates a disabled flag with empty client data by default', async () => {
      const before = Math.floor(Date.now() / 1000);
      const created = await ctx.store.create('BASIC');
      const read = await ctx.store.get('BASIC');
      expect(read).toBeDefined();
      expect(read!.featureName).toBe('BASIC');
      expect(read!.enabled).toBe(false);
      expect(read!.meta.toJSON()).toEqual({
        client_data: {},
        created_date: read!.meta.createdDate,
        conditions: [],
        bucketer: { type: 'NoOpBucketer' },
      });
      expect(Number.isInteger(read!.meta.createdDate)).toBe(true);
      expect(read!.meta.createdDate).toBeGreaterThanOrEqual(before - 1);
      expect(read!.meta.createdDate).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 1);
      expect(encodeDocument(read!)).toBe(encodeDocument(created));
    });

    it('creates with an enabled state and client data', async () => {
      await ctx.store.create('WITH_DATA', { isEnabled: true, clientData: { owner: 'team-a', ttl: 3600, tags: ['x'] } });
      const read = await ctx.store.get('WITH_DATA');
      expect(read?.enabled).toBe(true);
      expect(read?.clientData()).toEqual({ owner: 'team-a', ttl: 3600, tags: ['x'] });
    });

    it('replaces a flag created again under the same name', async () => {
      await ctx.store.create('AGAIN', { isEnabled: true, clientData: { a: 1 } });
      await ctx.store.create('AGAIN');
      const read = await ctx.store.get('AGAIN');
      expect(read?.enabled).toBe(false);
      expect(read?.clientData()).toEqual({});
    });

    it('answers undefined for a flag that was never stored', async () => {
      await expect(ctx.store.get('NEVER_CREATED')).resolves.toBeUndefined();
    });
  });

  describe('set', () => {
    it('switches a flag on and off and keeps its metadata', async () => {
      await ctx.store.create('SWITCH', { clientData: { keep: true } });
      await ctx.store.set('SWITCH', true);
      expect((await ctx.store.get('SWITCH'))?.enabled).toBe(true);
      await ctx.store.set('SWITCH', false);
      const read = await ctx.store.get('SWITCH');
      expect(read?.enabled).toBe(false);
      expect(read?.clientData()).toEqual({ keep: true });
    });

    it('creates a missing flag, as the Python stores do', async () => {
      await ctx.store.set('SET_MISSING', true);
      expect((await ctx.store.get('SET_MISSING'))?.enabled).toBe(true);
    });
  });

  describe('delete', () => {
    it('removes the flag', async () => {
      await ctx.store.create('DOOMED');
      await ctx.store.delete('DOOMED');
      await expect(ctx.store.get('DOOMED')).resolves.toBeUndefined();
    });

    it('resolves for a flag that is not there', async () => {
      await expect(ctx.store.delete('NOT_THERE')).resolves.toBeUndefined();
      await expect(ctx.store.get('NOT_THERE')).resolves.toBeUndefined();
    });
  });

  describe('setMeta', () => {
    it('replaces the metadata and keeps the switch', async () => {
      await ctx.store.create('META', { isEnabled: true });
      const meta = new FeatureFlagMeta({
        createdDate: 1_700_000_000,
        clientData: { n: 2 },
        conditions: [new Condition({ age__gte: 18 })],
      });
      await ctx.store.setMeta('META', meta);
      const read = await ctx.store.get('META');
      expect(read?.enabled).toBe(true);
      expect(read?.meta.toJSON()).toEqual(meta.toJSON());
    });

    it('rejects with FlagDoesNotExistError for a missing flag and creates nothing', async () => {
      await expect(ctx.store.setMeta('META_MISSING', new FeatureFlagMeta())).rejects.toBeInstanceOf(FlagDoesNotExistError);
      await expect(ctx.store.get('META_MISSING')).resolves.toBeUndefined();
    });
  });

  describe('update', () => {
    it('applies the change, resolves to the written item and shows it to the next read', async () => {
      await ctx.store.create('UPDATED', { clientData: { a: 1 } });
      const written = await ctx.store.update('UPDATED', (item) =>
        item.withEnabled(true).withMeta(item.meta.with({ clientData: { ...item.meta.clientData, b: 2 } })),
      );
      expect(written.enabled).toBe(true);
      const read = await ctx.store.get('UPDATED');
      expect(read?.enabled).toBe(true);
      expect(read?.clientData()).toEqual({ a: 1, b: 2 });
    });

    it('rejects with FlagDoesNotExistError for a missing flag and creates nothing', async () => {
      await expect(ctx.store.update('UPDATE_MISSING', (item) => item.withEnabled(true))).rejects.toBeInstanceOf(
        FlagDoesNotExistError,
      );
      await expect(ctx.store.get('UPDATE_MISSING')).resolves.toBeUndefined();
    });

    it('writes nothing when the change throws, and rejects with that error', async () => {
      await ctx.store.create('UPDATE_THROWS', { clientData: { kept: 1 } });
      const failure = new Error('change refused');
      await expect(
        ctx.store.update('UPDATE_THROWS', () => {
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect((await ctx.store.get('UPDATE_THROWS'))?.clientData()).toEqual({ kept: 1 });
    });
  });
}
