import { describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, InvalidArgumentError, MemoryFeatureFlagStore } from '../src/index.js';

describe('the memory store with maxDocumentBytes', () => {
  it('refuses a write whose document would be over the limit, naming the flag, and keeps what was stored', async () => {
    const store = new MemoryFeatureFlagStore({ maxDocumentBytes: 2000 });
    const features = new FeatureFlagClient(store);
    await features.create('F', { clientData: { small: 1 } });
    const write = features.setClientData('F', { pad: 'x'.repeat(3000) });
    await expect(write).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(write).rejects.toThrow(/flag "F".*maxDocumentBytes of 2,000 bytes/);
    expect((await store.get('F'))?.clientData()).toEqual({ small: 1 });
    await expect(features.create('G', { clientData: { pad: 'x'.repeat(3000) } })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(await store.get('G')).toBeUndefined();
  });

  it('takes 1 MiB by default and refuses a limit that is not a positive whole number', async () => {
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
    await features.create('F', { clientData: { pad: 'x'.repeat(1_000_000) } });
    await expect(features.setClientData('F', { more: 'y'.repeat(100_000) })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(() => new MemoryFeatureFlagStore({ maxDocumentBytes: -1 })).toThrow(/maxDocumentBytes/);
  });
});
