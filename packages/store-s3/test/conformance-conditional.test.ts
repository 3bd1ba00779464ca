import { afterAll, beforeAll } from '@jest/globals';
import { describeStoreConformance } from '@flipper-client/test-suite';
import { startS3Server, type S3Server } from '@flipper-client/s3-server';
import { conformanceHandle } from './support/s3.js';

// s3rver behind the conditional-write front, which honours If-Match / If-None-Match on
// PutObject as Amazon S3 does: the atomicity group runs.
let server: S3Server;
beforeAll(async () => {
  server = await startS3Server({ conditionalWrites: true });
});
afterAll(async () => {
  await server?.stop();
});

describeStoreConformance(
  's3 (conditional writes honoured)',
  {
    createStore: conformanceHandle(() => server, {}),
    // s3rver keeps objects as files: it cannot hold keys with empty or `..` path segments
    // ('/leading-slash', 'x/../target'); names.test.ts covers names on this server instead.
    groups: { names: false },
  },
  { changeFeed: false, syncReads: false, atomicUpdates: true, writeRaw: true, readRaw: true, wholeDocumentWrites: true },
);
