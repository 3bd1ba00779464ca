import { describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, MemoryFeatureFlagStore, isEnabled } from '../src/index.js';

describe('isEnabled as a method decorator', () => {
  it('gates a method, keeps `this`, and redirects when off', async () => {
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
    await features.create('NEW_SOUND');

    async function oldSound(this: Stable, times: number): Promise<string> {
      return `${this.horse}: ${'neigh '.repeat(times).trim()}`;
    }

    class Stable {
      constructor(readonly horse: string) {}

      @isEnabled(features, 'NEW_SOUND', { redirect: oldSound })
      async sound(times: number): Promise<string> {
        return `${this.horse}: ${'whinny '.repeat(times).trim()}`;
      }

      @isEnabled(features, 'NEW_SOUND')
      async quiet(): Promise<string> {
        return 'shh';
      }
    }

    const stable = new Stable('Bucephalus');
    expect(await stable.sound(2)).toBe('Bucephalus: neigh neigh');
    expect(await stable.quiet()).toBeUndefined();
    await features.enable('NEW_SOUND');
    expect(await stable.sound(2)).toBe('Bucephalus: whinny whinny');
    expect(await stable.quiet()).toBe('shh');
  });

  it('derives checks from the arguments when asked', async () => {
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
    await features.create('ADMIN_PAGE', { isEnabled: true });
    const { Condition } = await import('../src/index.js');
    await features.addCondition('ADMIN_PAGE', new Condition({ is_admin: true }));
    const page = isEnabled(features, 'ADMIN_PAGE', {
      checks: (user: { admin: boolean }) => ({ is_admin: user.admin }),
      redirect: (_user: { admin: boolean }) => 'forbidden',
    })((user: { admin: boolean }) => `welcome ${String(user.admin)}`);
    expect(await page({ admin: true })).toBe('welcome true');
    expect(await page({ admin: false })).toBe('forbidden');
  });
});
