import { afterAll, beforeAll } from '@jest/globals';
import { describeStoreConformance } from '@flipper-client/test-suite';
import { startS3Server, type S3Server } from '@flipper-client/s3-server';
import { conformanceHandle } from './support/s3.js';

// Plain s3rver ignores If-Match, so the store is told not to count on conditional writes and
// declares `atomicUpdates: false`; the atomicity group does not apply.
let server: S3Server;
beforeAll(async () => {
  server = await startS3Server({ conditionalWrites: false });
});
afterAll(async () => {
  await server?.stop();
});

describeStoreConformance(
  's3 (plain s3rver, no conditional writes)',
  {
    createStore: conformanceHandle(() => server, { conditionalWrites: false }),
    groups: { names: false },
  },
  { changeFeed: false, syncReads: false, atomicUpdates: false, writeRaw: true, readRaw: true, wholeDocumentWrites: true },
);
