import { readFileSync } from 'node:fs';
import { registerSchema, validate } from '@hyperjump/json-schema/openapi-3-1';
import { parse } from 'yaml';

/**
 * Validates the server's answers against OFREP's own OpenAPI document (test/fixtures, copied
 * unchanged), with `@hyperjump/json-schema`'s OpenAPI 3.1 dialect.
 *
 * One correction, made here in memory and proved necessary by a test: in the document,
 * `codeDefaultFlag` (an evaluation with no value) is `{ type: object, properties: {} }`, which
 * every object matches, so `evaluationSuccess`'s `oneOf` of flag types matches twice for any
 * evaluation that has a value, and fails; not even the document's own example validates. What
 * ADR-0006 and the schema's description say it means, "no value property", is added as
 * `not: { required: [value] }`. Nothing else is changed.
 */
const FIXTURE = new URL('../fixtures/ofrep-protocol/openapi.yaml', import.meta.url);

type Json = Record<string, unknown>;

// Through JSON: the validator takes plain JSON values only, and the YAML parser's output is more.
export const OFREP_DOCUMENT = JSON.parse(JSON.stringify(parse(readFileSync(FIXTURE, 'utf8')))) as Json;

/**
 * Registered under a URI of its own, in the OpenAPI 3.1 dialect: the validator then resolves the
 * document's `$ref`s and validates against any of its schemas by JSON pointer. (Registered, not
 * read from a file: objects parsed outside the test's realm would not pass its type checks.)
 */
function registerDocument(name: string, document: Json): string {
  const uri = `https://ofrep.test/${name}.openapi.json`;
  registerSchema(document as Parameters<typeof registerSchema>[0], uri, 'https://spec.openapis.org/oas/3.1/dialect/base');
  return uri;
}

function corrected(document: Json): Json {
  const copy = JSON.parse(JSON.stringify(document)) as { components: { schemas: Record<string, Json> } };
  copy.components.schemas['codeDefaultFlag'] = { ...copy.components.schemas['codeDefaultFlag'], not: { required: ['value'] } };
  return copy as unknown as Json;
}

/** The document as published, and as corrected (see above). */
export const AS_PUBLISHED = registerDocument('published', OFREP_DOCUMENT);
export const CORRECTED = registerDocument('corrected', corrected(OFREP_DOCUMENT));

/** A JSON pointer segment as it goes into a URI fragment (`{key}` percent-encoded). */
const escape = (segment: string): string => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));

export type Operation = 'single' | 'bulk';
const PATHS: Record<Operation, string> = { single: '/ofrep/v1/evaluate/flags/{key}', bulk: '/ofrep/v1/evaluate/flags' };

function errorsOf(output: { errors?: unknown }): string {
  return JSON.stringify(output.errors ?? output, null, 1).slice(0, 2000);
}

/** Validates a value against a schema of the document by JSON pointer; resolves to what is wrong, or undefined. */
export async function schemaProblem(document: string, pointer: string, value: unknown): Promise<string | undefined> {
  const output = await validate(`${document}#${pointer}`, value as never, 'BASIC');
  return output.valid ? undefined : errorsOf(output);
}

interface ResponseObject {
  headers?: Record<string, unknown>;
  content?: Record<string, unknown>;
}

/**
 * What is wrong with an answer of `operation` against the (corrected) document: a status the
 * operation does not document, a body that does not match the status's schema, a header value
 * that does not match its schema. Resolves to undefined for a valid answer.
 */
export async function responseProblem(operation: Operation, status: number, headers: Headers, text: string): Promise<string | undefined> {
  const path = PATHS[operation];
  const responses = ((OFREP_DOCUMENT['paths'] as Record<string, Record<string, { responses: Record<string, ResponseObject> }>>)[path]!['post']!).responses;
  const documented = responses[String(status)];
  if (documented === undefined) return `status ${status} is not documented for POST ${path} (documented: ${Object.keys(responses).join(', ')})`;
  const base = `/paths/${escape(path)}/post/responses/${status}`;
  for (const name of Object.keys(documented.headers ?? {})) {
    const value = headers.get(name);
    if (value === null) {
      if (name === 'ETag' || name === 'Retry-After') return `status ${status} must carry the ${name} header`;
      continue;
    }
    // Header values are strings; one that is a number is compared as the number it says.
    const candidate = /^\d+$/.test(value) ? Number(value) : value;
    const problem = (await schemaProblem(CORRECTED, `${base}/headers/${escape(name)}/schema`, candidate)) &&
      (await schemaProblem(CORRECTED, `${base}/headers/${escape(name)}/schema`, value));
    if (problem !== undefined) return `header ${name}: ${value}: ${problem}`;
  }
  if (documented.content === undefined) return undefined;
  if (!/^application\/json\b/.test(headers.get('content-type') ?? '')) return `status ${status} must be application/json, got ${headers.get('content-type')}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `the body is not JSON: ${text.slice(0, 200)}`;
  }
  return schemaProblem(CORRECTED, `${base}/content/application~1json/schema`, body);
}
