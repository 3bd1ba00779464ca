import { afterEach, describe, expect, it } from '@jest/globals';
import { Condition, InvalidDocumentError, MemoryFeatureFlagStore, type FlipperError } from '@flipper-client/core';
import { decodeDocument, encodeDocument, FeatureFlagMeta } from '@flipper-client/core/store';
import { collect, PYTHON_DOCUMENTS } from '@flipper-client/test-suite';
import Int64 from 'node-int64';
import { FeatureFlagStoreTypes, type ThriftFeatureFlagStoreItem, type ThriftFeatureFlagStoreMeta } from '../src/index.js';
import { connectClient, connectStore, startServer } from './support/loopback.js';
import { startScriptedServer } from './support/scripted-server.js';

const { ConditionCheck, ConditionOperator, FeatureFlagStoreItem, FeatureFlagStoreMeta } = FeatureFlagStoreTypes;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/*
 * Python's own JSON text, cut out of the documents the Python library wrote: what its Thrift
 * store puts in client_data, bucketer and each check value (all `json.dumps` of the same data).
 */
function pythonText(doc: string): { clientData: string; bucketer: string; values: string[] } {
  const clientStart = doc.indexOf('"client_data": ') + '"client_data": '.length;
  const clientData = doc.slice(clientStart, doc.indexOf(', "created_date"'));
  const bucketer = doc.slice(doc.indexOf('"bucketer": ') + '"bucketer": '.length, -2);
  const values = [...doc.matchAll(/"value": (.+?), "operator"/g)].map((match) => match[1]!);
  return { clientData, bucketer, values };
}

function checkValues(meta: { conditions?: ThriftFeatureFlagStoreMeta['conditions'] | null } | null | undefined): string[] {
  return (meta?.conditions ?? []).flatMap((condition) => Object.values(condition).flatMap((checks) => checks.map((check) => check.value!)));
}

async function pythonFlagOnServer(text: string): Promise<{ name: string; port: number }> {
  const original = decodeDocument(JSON.parse(text).feature_name as string, text);
  const backend = new MemoryFeatureFlagStore();
  await backend.create(original.featureName);
  await backend.setMeta(original.featureName, original.meta);
  await backend.set(original.featureName, original.enabled);
  const server = await startServer(backend);
  cleanups.push(() => server.close());
  return { name: original.featureName, port: server.port };
}

describe('flags written by the Python library', () => {
  it.each(PYTHON_DOCUMENTS.map((doc) => [JSON.parse(doc.text).feature_name as string, doc] as const))(
    '%s reads back over Thrift byte for byte and evaluates as Python did',
    async (_name, doc) => {
      const { name, port } = await pythonFlagOnServer(doc.text);
      const store = await connectStore(port);
      cleanups.push(() => store.close());
      const item = await store.get(name);
      expect(encodeDocument(item!)).toBe(doc.text);
      for (const evaluation of doc.evaluations) expect(item!.evaluate(evaluation.checks)).toBe(evaluation.enabled);
    },
  );

  it.each(PYTHON_DOCUMENTS.map((doc) => [JSON.parse(doc.text).feature_name as string, doc] as const))(
    '%s goes on the wire from the server as Python json.dumps text',
    async (_name, doc) => {
      const { name, port } = await pythonFlagOnServer(doc.text);
      const { client, connection } = await connectClient(port);
      cleanups.push(async () => connection.end());
      const struct = await client.Get(name);
      const python = pythonText(doc.text);
      expect(struct.meta?.client_data).toBe(python.clientData);
      expect(struct.meta?.bucketer).toBe(python.bucketer);
      expect(checkValues(struct.meta)).toEqual(python.values);
    },
  );

  it.each(PYTHON_DOCUMENTS.map((doc) => [JSON.parse(doc.text).feature_name as string, doc] as const))(
    '%s goes on the wire from the client store as Python json.dumps text',
    async (name, doc) => {
      const sent: ThriftFeatureFlagStoreMeta[] = [];
      const server = await startScriptedServer({ SetMeta: async (_flag, meta) => void sent.push(meta) });
      cleanups.push(() => server.close());
      const store = await connectStore(server.port);
      cleanups.push(() => store.close());
      await store.setMeta(name, decodeDocument(name, doc.text).meta);
      const python = pythonText(doc.text);
      expect(sent[0]?.client_data).toBe(python.clientData);
      expect(sent[0]?.bucketer).toBe(python.bucketer);
      expect(checkValues(sent[0])).toEqual(python.values);
      expect(sent[0]?.created_date?.toNumber()).toBe(JSON.parse(doc.text).meta.created_date);
    },
  );

  it('sends an equality check with an operator struct whose symbol is unset, as Python does', async () => {
    const sent: ThriftFeatureFlagStoreMeta[] = [];
    const server = await startScriptedServer({ SetMeta: async (_flag, meta) => void sent.push(meta) });
    cleanups.push(() => server.close());
    const store = await connectStore(server.port);
    cleanups.push(() => store.close());
    await store.setMeta('EQ', new FeatureFlagMeta({ conditions: [new Condition({ is_admin: true, age__gte: 18 })] }));
    const checks = sent[0]!.conditions![0]!;
    expect(checks['is_admin']![0]!.operator).toEqual(expect.objectContaining({ symbol: null }));
    expect(checks['age']![0]!.operator?.symbol).toBe('gte');
    expect(checks['is_admin']![0]!.value).toBe('true');
  });
});

function metaStruct(fields: Partial<ConstructorParameters<typeof FeatureFlagStoreMeta>[0]> = {}): ThriftFeatureFlagStoreMeta {
  return new FeatureFlagStoreMeta({ created_date: new Int64(1_700_000_000), client_data: '{}', bucketer: '{"type": "NoOpBucketer"}', ...fields });
}

function itemStruct(name: string, meta: ThriftFeatureFlagStoreMeta = metaStruct()): ThriftFeatureFlagStoreItem {
  return new FeatureFlagStoreItem({ feature_name: name, is_enabled: true, meta });
}

const check = (variable: string, value: string, symbol?: string): InstanceType<typeof ConditionCheck> =>
  new ConditionCheck({ variable, value, operator: new ConditionOperator(symbol === undefined ? {} : { symbol }) });

const CORRUPT: Record<string, [ThriftFeatureFlagStoreItem, string]> = {
  'client_data that is not JSON': [itemStruct('BAD', metaStruct({ client_data: '{"a": ' })), 'meta.client_data'],
  'an unknown bucketer': [itemStruct('BAD', metaStruct({ bucketer: '{"type": "MysteryBucketer"}' })), 'meta.bucketer.type'],
  'an unknown operator': [itemStruct('BAD', metaStruct({ conditions: [{ age: [check('age', '1', 'regex')] }] })), 'meta.conditions[0].age[0].operator'],
  'a check value that is not JSON': [itemStruct('BAD', metaStruct({ conditions: [{ age: [check('age', 'eighteen')] }] })), 'meta.conditions[0].age[0].value'],
  'a check filed under another variable': [itemStruct('BAD', metaStruct({ conditions: [{ age: [check('height', '1')] }] })), 'meta.conditions[0].age[0].variable'],
  'a created_date beyond 2^53': [itemStruct('BAD', metaStruct({ created_date: new Int64(0x7fffffff, 0) })), 'meta.created_date'],
  'an item for another flag': [itemStruct('SOMEONE_ELSE'), 'feature_name'],
};

describe('content a server sends that is not a valid flag', () => {
  it.each(Object.entries(CORRUPT))('rejects %s with an InvalidDocumentError naming the flag and the part', async (_label, [struct, part]) => {
    const server = await startScriptedServer({ Get: async () => struct });
    cleanups.push(() => server.close());
    const store = await connectStore(server.port);
    cleanups.push(() => store.close());
    const error = await store.get('BAD').then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(InvalidDocumentError);
    expect((error as InvalidDocumentError).featureName).toBe('BAD');
    expect((error as InvalidDocumentError).part).toBe(part);
  });

  it('reads unset is_enabled as false and an unset meta as default metadata', async () => {
    const server = await startScriptedServer({ Get: async (name) => new FeatureFlagStoreItem({ feature_name: name }) });
    cleanups.push(() => server.close());
    const store = await connectStore(server.port);
    cleanups.push(() => store.close());
    const item = await store.get('SPARSE');
    expect(item?.enabled).toBe(false);
    expect(item?.meta.toJSON()).toEqual({ client_data: {}, created_date: 0, conditions: [], bucketer: { type: 'NoOpBucketer' } });
  });

  it('lists the good flags past bad ones and reports each bad one', async () => {
    const bad = CORRUPT['an unknown bucketer']![0];
    const server = await startScriptedServer({
      List: async () => [itemStruct('GOOD_1'), bad, itemStruct('GOOD_2'), new FeatureFlagStoreItem({ is_enabled: true })],
    });
    cleanups.push(() => server.close());
    const store = await connectStore(server.port);
    cleanups.push(() => store.close());
    const invalid: FlipperError[] = [];
    const listed = await collect(store.list({ onInvalid: (error) => invalid.push(error) }));
    expect(listed.map((item) => item.featureName)).toEqual(['GOOD_1', 'GOOD_2']);
    expect(invalid.map((error) => [error.name, error.featureName])).toEqual([
      ['InvalidDocumentError', 'BAD'],
      ['InvalidDocumentError', ''],
    ]);
  });
});
