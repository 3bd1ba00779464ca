import { MemoryFeatureFlagStore } from '@flipper-client/core';
import { describeStoreConformance } from '@flipper-client/test-suite';
import { connectStore, startServer, type Transport } from './support/loopback.js';

/*
 * The client store against this package's own server, over a MemoryFeatureFlagStore, through a
 * real loopback socket, once per transport. Every test gets a fresh server (an empty store).
 * The Thrift service has no compare-and-set, so the store declares `atomicUpdates: false` and
 * the suite leaves out the race tests; it has no change feed, no synchronous reads, no raw
 * documents (corrupt content over the wire is covered by thrift-documents.test.ts), and no
 * whole-document write: the service has no such call, and the suite checks that none is offered.
 */
for (const transport of ['buffered', 'framed'] as const satisfies readonly Transport[]) {
  describeStoreConformance(
    `thrift (${transport})`,
    {
      createStore: async () => {
        const server = await startServer(new MemoryFeatureFlagStore(), { transport });
        const store = await connectStore(server.port, transport);
        return {
          store,
          connect: () => connectStore(server.port, transport),
          cleanup: () => server.close(),
        };
      },
    },
    { changeFeed: false, syncReads: false, atomicUpdates: false, writeRaw: false, readRaw: false, wholeDocumentWrites: false },
  );
}
