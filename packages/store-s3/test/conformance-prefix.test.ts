import { afterAll, beforeAll } from '@jest/globals';
import { encodeDocument, FeatureFlagStoreItem } from '@flipper-client/core/store';
import { describeStoreConformance } from '@flipper-client/test-suite';
import { startS3Server, type S3Server } from '@flipper-client/s3-server';
import type { S3FeatureFlagStore } from '../src/index.js';
import { conformanceHandle, createS3Client, putRaw } from './support/s3.js';

// The whole contract with flags under a key prefix, in buckets that also hold what a prefixed
// store must not list: a flag at the bucket root, one under a sibling prefix, and the empty
// "folder" object S3 consoles create for the prefix itself.
let server: S3Server;
beforeAll(async () => {
  server = await startS3Server({ conditionalWrites: true });
});
afterAll(async () => {
  await server?.stop();
});

const PREFIX = 'flags/';
const handle = conformanceHandle(() => server, { prefix: PREFIX });

describeStoreConformance(
  's3 with prefix "flags/" (conditional writes honoured)',
  {
    createStore: async () => {
      const opened = await handle();
      const client = createS3Client(server.endpoint);
      const { bucketName: bucket } = opened.store as S3FeatureFlagStore;
      for (const key of ['ROOT_FLAG', 'flags-old/SIBLING']) {
        await putRaw(client, bucket, key, encodeDocument(new FeatureFlagStoreItem(key, true)));
      }
      await putRaw(client, bucket, PREFIX, '');
      client.destroy();
      return opened;
    },
    groups: { names: false },
  },
  { changeFeed: false, syncReads: false, atomicUpdates: true, writeRaw: true, readRaw: true, wholeDocumentWrites: true },
);
