/* global process */
// One process of the cross-process history test: waits for "go" on stdin, makes one write
// through its own store on the file, and prints what happened as one JSON line.
import { FeatureFlagClient } from '@flipper-client/core';
import { FileFeatureFlagStore } from '@flipper-client/store-file';

const [path, kind, index] = process.argv.slice(2);
// A generous lock wait: 24 processes queue for the lock on a machine that may be busy.
const store = new FileFeatureFlagStore(path, { watch: false, lockTimeoutMs: 60_000 });
const client = new FeatureFlagClient(store, { actor: `process:${index}` });

process.stdin.once('data', async () => {
  try {
    if (kind === 'create') await client.createIfAbsent('ONCE', { clientData: { creator: Number(index) } });
    else await client.setClientData('CHAIN', { [`w${index}`]: Number(index) });
    process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ ok: false, code: error.code, featureName: error.featureName, ...(error.code === 'FLAG_EXISTS' ? {} : { message: error.message }) })}\n`);
  }
  await store.close();
  process.exit(0);
});
process.stdout.write('ready\n');
