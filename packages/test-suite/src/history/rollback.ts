import { describe, expect, it } from '@jest/globals';
import { Condition, ConsistentHashPercentageBucketer, FeatureFlagClient, Percentage } from '@flipper-client/core';
import type { HistoryContext } from './context.js';
import { PYTHON_DOCUMENTS } from '../conformance/python-documents.js';

/** Through a client: rollback restores the very bytes, outside writes are reported, not hidden. */
export function registerRollbackTests(ctx: HistoryContext, writeRaw: boolean): void {
  describe('history through the client', () => {
    it('rolls back to a byte-identical document, as an entry of its own', async () => {
      const client = new FeatureFlagClient(ctx.store, { actor: 'user:dana' });
      await client.create('ROLLBACK', { clientData: { owner: 'ops', note: 'ü 🚩', ratio: 2.5 } });
      await client.addCondition('ROLLBACK', new Condition({ country__in: ['NL', 'BE'], age__gte: 18 }));
      await client.setBucketer('ROLLBACK', new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.25) }));
      const [target] = await ctx.store.history('ROLLBACK');
      const wanted = await ctx.stored('ROLLBACK');
      expect(target!.after).toBe(wanted);
      await client.enable('ROLLBACK');
      await client.setConditions('ROLLBACK', []);
      await client.as('user:erin').rollback('ROLLBACK', target!.id);
      expect(await ctx.stored('ROLLBACK')).toBe(wanted);
      const [newest] = await ctx.store.history('ROLLBACK');
      expect(newest).toMatchObject({ action: 'rollback', actor: 'user:erin', after: wanted });
    });

    it('brings a destroyed flag back', async () => {
      const client = new FeatureFlagClient(ctx.store);
      await client.create('COMEBACK', { isEnabled: true, clientData: { back: true } });
      const [created] = await ctx.store.history('COMEBACK');
      await client.destroy('COMEBACK');
      await client.rollback('COMEBACK', created!.id);
      expect(await ctx.stored('COMEBACK')).toBe(created!.after);
      expect(await client.isEnabled('COMEBACK')).toBe(true);
    });

    if (!writeRaw) return;
    it('reports a write that bypassed the store as a change outside flipper', async () => {
      const writeRaw = ctx.handle.writeRaw!;
      const client = new FeatureFlagClient(ctx.store);
      await client.create('OUTSIDE');
      const python = PYTHON_DOCUMENTS[0]!.text.replace(/"feature_name": "[^"]*"/, '"feature_name": "OUTSIDE"');
      await writeRaw('OUTSIDE', python);
      let items = await client.history('OUTSIDE');
      expect(items.map((item) => item.action)).toEqual(['changed_outside_flipper', 'create']);
      expect(items[0]).toMatchObject({ id: null, actor: null, before: items[1]!.after, after: python });
      await client.disable('OUTSIDE');
      items = await client.history('OUTSIDE');
      expect(items.map((item) => item.action)).toEqual(['disable', 'changed_outside_flipper', 'create']);
      expect(items[0]!.before).toBe(python);
      const across = await client.history({ limit: 10 });
      expect(across.map((item) => item.action)).toEqual(['disable', 'changed_outside_flipper', 'create']);
    });
  });
}
