import { describe, expect, it } from '@jest/globals';
import { validate } from '@hyperjump/json-schema/openapi-3-1';
import { AS_PUBLISHED, CORRECTED, OFREP_DOCUMENT, schemaProblem } from './support/openapi-validator.js';

const SUCCESS = '/components/schemas/evaluationSuccess';
const example = { key: 'discount-banner', value: true, reason: 'TARGETING_MATCH', variant: 'enabled' };

describe("the validator's OFREP document", () => {
  it('is a valid OpenAPI 3.1 document, version 0.3.0', async () => {
    expect((OFREP_DOCUMENT['info'] as { version: string }).version).toBe('0.3.0');
    const output = await validate('https://spec.openapis.org/oas/3.1/schema-base', OFREP_DOCUMENT as never);
    expect(output.valid).toBe(true);
  });

  it("needs its one correction: as published, not even the document's own success example validates", async () => {
    expect(await schemaProblem(AS_PUBLISHED, SUCCESS, example)).toBeDefined();
    expect(await schemaProblem(CORRECTED, SUCCESS, example)).toBeUndefined();
    // The correction keeps what the schema says: a code default has no value, and an unknown reason or a missing key still fails.
    expect(await schemaProblem(CORRECTED, SUCCESS, { key: 'k', reason: 'STATIC' })).toBeUndefined();
    expect(await schemaProblem(CORRECTED, SUCCESS, { ...example, reason: 'DEFAULT' })).toBeDefined();
    expect(await schemaProblem(CORRECTED, SUCCESS, { value: true, reason: 'STATIC' })).toBeDefined();
  });
});
