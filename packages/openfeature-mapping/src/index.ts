/**
 * `@flipper-client/openfeature-mapping`: the one mapping between OpenFeature and flipper, used
 * by the OpenFeature provider (`@flipper-client/openfeature`) and the OFREP server
 * (`@flipper-client/ofrep`). It needs no OpenFeature SDK: the OFREP server runs without one.
 */
export { contextToChecks, UnusableContextError } from './context-to-checks.js';
export type { ContextMapping, EvaluationContextInput } from './context-to-checks.js';
export { resolveContextMapping } from './context-mapping.js';
export type { ContextMappingOptions } from './context-mapping.js';
export { resolutionOf, resolutionReason, RULE_METADATA_KEY } from './resolution.js';
export type { BooleanVariant, Resolution, ResolutionReason } from './resolution.js';
