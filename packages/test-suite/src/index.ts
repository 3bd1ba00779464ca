/**
 * `@flipper-client/test-suite`: the conformance suite of the flipper store contract. A store
 * package wires it in a few lines, against its real backend:
 *
 *     import { describeStoreConformance } from '@flipper-client/test-suite';
 *     describeStoreConformance('redis', { createStore: async () => ({ store, connect, writeRaw, cleanup }) });
 *
 * It registers jest tests (through `@jest/globals`) for the whole contract, one group per
 * concern; groups a store cannot support are skipped by what the wiring declares, and any
 * group can be switched off. Beside it: test doubles and helpers for store tests. The
 * behaviour suites of the composing stores are `@flipper-client/test-suite/cached` and
 * `@flipper-client/test-suite/replicated`.
 */
export { describeStoreConformance } from './conformance/describe-store-conformance.js';
export type {
  ConformanceGroup,
  ConformanceStoreHandle,
  StoreCapabilities,
  StoreConformanceOptions,
} from './conformance/context.js';
export { describeHistoryConformance } from './history/describe-history-conformance.js';
export type { HistoryCapabilities } from './history/describe-history-conformance.js';
export type { HistoryConformanceOptions } from './history/context.js';
export { AWKWARD_NAMES } from './conformance/names.js';
export { PYTHON_DOCUMENTS } from './conformance/python-documents.js';
export { FaultyStore, WRITE_OPERATIONS } from './faulty-store.js';
export type { LoggedWrite, StoreOperation } from './faulty-store.js';
export { Gate } from './gate.js';
export { collect } from './collect.js';
export { thrown } from './thrown.js';
export { waitFor } from './wait-for.js';
export { findSecretPaths } from './secret-paths.js';
export { describeUsageConformance } from './usage/describe-usage-conformance.js';
export type { UsageConformanceHandle, UsageConformanceOptions } from './usage/describe-usage-conformance.js';
