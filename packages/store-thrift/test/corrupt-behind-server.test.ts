import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { FlipperError, InvalidDocumentError, MemoryFeatureFlagStore, StoreError } from '@flipper-client/core';
import { decodeDocument, type FeatureFlagStoreItem, type StoreListOptions } from '@flipper-client/core/store';
import { collect } from '@flipper-client/test-suite';
import type { ThriftRPCFeatureFlagStore } from '../src/index.js';
import { connectStore, startServer, type RunningServer } from './support/loopback.js';

/*
 * A document the server's own store cannot decode. The IDL's only error code is NOT_FOUND, so
 * the decoding error crosses the wire as a FlipperException without a code: the Thrift client
 * sees a StoreError (carrying the message), and `List` simply leaves the flag out.
 */
const CORRUPT_TEXT = '{"feature_name": "BAD", "is_enabled": "yes", "meta": {}}';

class StoreWithCorruptDocument extends MemoryFeatureFlagStore {
  override async get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    return featureName === 'BAD' ? decodeDocument('BAD', CORRUPT_TEXT) : super.get(featureName);
  }

  override async *list(options: StoreListOptions = {}): AsyncIterable<FeatureFlagStoreItem> {
    try {
      decodeDocument('BAD', CORRUPT_TEXT);
    } catch (error) {
      options.onInvalid?.(error as FlipperError);
    }
    yield* super.list(options);
  }
}

let served: RunningServer;
let store: ThriftRPCFeatureFlagStore;

beforeAll(async () => {
  const backing = new StoreWithCorruptDocument();
  await backing.create('GOOD');
  served = await startServer(backing);
  store = await connectStore(served.port);
});

afterAll(async () => {
  await store.close();
  await served.close();
});

it('reaches the client as a StoreError naming the flag and the bad part, not as an InvalidDocumentError', async () => {
  const error = await store.get('BAD').then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect(error).not.toBeInstanceOf(InvalidDocumentError);
  expect(error).toMatchObject({ store: 'thrift', operation: 'get', featureName: 'BAD' });
  expect((error as StoreError).message).toMatch(/flag "BAD".*is_enabled: expected a boolean/);
  expect((error as StoreError).cause).toMatchObject({ name: 'FlipperException', code: null });
});

it('is left out of `list` without reaching `onInvalid`; the server reports it to its own onError', async () => {
  const invalid: FlipperError[] = [];
  const reportedBefore = served.errors.length;
  const listed = await collect(store.list({ onInvalid: (error) => invalid.push(error) }));
  expect(listed.map((item) => item.featureName)).toEqual(['GOOD']);
  expect(invalid).toEqual([]);
  const reported = served.errors.slice(reportedBefore);
  expect(reported).toEqual([expect.any(InvalidDocumentError)]);
  expect((reported[0] as InvalidDocumentError).featureName).toBe('BAD');
});
