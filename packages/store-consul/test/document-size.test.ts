import { describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, type ErrorEvent } from '@flipper-client/core';
import { DocumentTooLargeError, InvalidArgumentError, type FlipperError } from '@flipper-client/core/store';
import { waitFor } from '@flipper-client/test-suite';
import { useConsul } from './support/fixture.js';

const consul = useConsul();

function documentOf(name: string, padding: number): string {
  return `{"feature_name": "${name}", "is_enabled": true, "meta": {"client_data": {"pad": "${'x'.repeat(padding)}"}, "created_date": 1700000000, "conditions": [], "bucketer": {"type": "NoOpBucketer"}}}`;
}

describe('maxDocumentBytes on the Consul store', () => {
  it('holds a stored document over the limit as its DocumentTooLargeError: isEnabled answers the default and reports it', async () => {
    const under = consul.newStore({ maxDocumentBytes: 2000 });
    await under.writeText('BIG', documentOf('BIG', 3000));
    await under.writeText('SMALL', documentOf('SMALL', 10));
    await under.store.ready();
    await waitFor(() => under.store.getSync('SMALL') !== undefined, 2000, 'the copy to hold SMALL');
    const features = new FeatureFlagClient(under.store);
    const errors: ErrorEvent[] = [];
    features.events.on('error', (event) => errors.push(event as ErrorEvent));
    expect(await features.isEnabled('BIG', {}, { default: false })).toBe(false);
    expect(await features.isEnabled('SMALL')).toBe(true);
    expect(errors.map((event) => (event.error as FlipperError).name)).toEqual(['DocumentTooLargeError']);
    expect((errors[0]!.error as DocumentTooLargeError).limit).toBe(2000);
  });

  it('refuses a write over the limit before sending it, naming the flag', async () => {
    const under = consul.newStore({ maxDocumentBytes: 2000 });
    const features = new FeatureFlagClient(under.store);
    await features.create('F');
    await expect(features.setClientData('F', { pad: 'x'.repeat(3000) })).rejects.toThrow(InvalidArgumentError);
    await expect(features.create('G', { clientData: { pad: 'x'.repeat(3000) } })).rejects.toThrow(/flag "G".*maxDocumentBytes/);
    expect(await under.store.get('G')).toBeUndefined();
    expect(await under.store.get('F')).toBeDefined();
    await expect(under.store.get('F').then((item) => item?.clientData())).resolves.toEqual({});
  });
});
