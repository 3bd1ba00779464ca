/**
 * Typed flag names are a compile-time feature: `pnpm typecheck` (run by CI) compiles this file,
 * and each `@ts-expect-error` must meet an error or the type check fails. The runtime
 * assertions show what the same calls do.
 */
import { describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, MemoryFeatureFlagStore, type FeatureFlag } from '../src/index.js';

type KnownFlag = 'NEW_CHECKOUT' | 'DARK_MODE';

describe('typed flag names', () => {
  it('accepts only known names on every method of a typed client', async () => {
    const features = new FeatureFlagClient<KnownFlag>(new MemoryFeatureFlagStore());
    await features.create('NEW_CHECKOUT', { isEnabled: true });
    expect(await features.isEnabled('NEW_CHECKOUT')).toBe(true);
    const handle: FeatureFlag<KnownFlag> = features.get('DARK_MODE');
    expect(handle.name).toBe('DARK_MODE');

    const typo = 'NEW_CHEKOUT' as string;
    // @ts-expect-error: not a known flag name
    await features.create('NEW_CHEKOUT');
    // @ts-expect-error: not a known flag name
    expect(await features.isEnabled(typo)).toBe(false);
    // @ts-expect-error: not a known flag name
    expect(() => features.isEnabledSync('DARKMODE')).not.toThrow();
    // @ts-expect-error: not a known flag name
    await expect(features.enable('OTHER')).rejects.toThrow(/does not exist/);
    for await (const flag of features.list()) {
      const name: KnownFlag = flag.name;
      expect(['NEW_CHECKOUT', 'DARK_MODE', 'NEW_CHEKOUT']).toContain(name);
    }
  });

  it('keeps the untyped client open to any name', async () => {
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
    const dynamic: string = ['any', 'name'].join('_');
    await features.create(dynamic, { isEnabled: true });
    expect(await features.isEnabled(dynamic)).toBe(true);
    const handle: FeatureFlag = features.get(dynamic);
    const name: string = handle.name;
    expect(name).toBe('any_name');
  });
});
