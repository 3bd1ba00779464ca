import { schemas } from './schemas.js';

const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown): { content: { 'application/json': { schema: unknown } } } => ({ content: { 'application/json': { schema } } });

const name = { name: 'name', in: 'path', required: true, description: 'the flag name, percent-encoded', schema: { type: 'string' } };

function errors(...statuses: number[]): Record<string, unknown> {
  const described: Record<number, string> = {
    400: 'bad body or arguments (INVALID_BODY, INVALID_ARGUMENT, EVALUATION_FAILED); nothing written',
    401: 'authorize answered false (UNAUTHORIZED)',
    403: 'read access only, a read-only app, or a browser write without same origin and CSRF token',
    404: 'no such flag (FLAG_NOT_FOUND)',
    409: 'the flag exists (FLAG_EXISTS) or kept changing (UPDATE_CONFLICT)',
    413: 'body too large',
    415: 'body not application/json',
    503: "the store is unreachable (STORE_UNAVAILABLE, with the store's error code), or a write's answer was lost and it may or may not have been applied (WRITE_OUTCOME_UNKNOWN)",
  };
  return Object.fromEntries(statuses.map((status) => [String(status), { description: described[status], ...json(ref('Error')) }]));
}

const writeErrors = (...extra: number[]): Record<string, unknown> => errors(400, 401, 403, 404, 415, 503, ...extra);
const document200 = { '200': { description: 'the flag after the change', ...json(ref('FlagDocument')) } };

/** The OpenAPI 3.1 description of the JSON API; served at `<basePath>/api/openapi.json` and checked in as `openapi.json`. */
export function openApiDocument(basePath: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'flipper admin API',
      version: '1.0.0',
      description:
        'Manage feature flags in any flipper store. Conditions and bucketers travel in their stored shape (SPEC §5). ' +
        'Browser writes need the same origin and the CSRF token of the pages (header x-csrf-token); other clients authenticate as the host decides.',
    },
    servers: [{ url: basePath === '' ? '/' : basePath }],
    paths: {
      '/api/flags': {
        get: {
          summary: 'List flags (sorted by name)',
          parameters: [
            { name: 'q', in: 'query', description: 'case-insensitive substring of the name', schema: { type: 'string' } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 1000, default: 100 } },
          ],
          responses: { '200': { description: 'a page of flags', ...json(ref('FlagList')) }, ...errors(400, 401, 503) },
        },
        post: {
          summary: 'Create a flag (never replaces one)',
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              required: ['name'],
              properties: { name: { type: 'string' }, enabled: { type: 'boolean', default: false }, clientData: { type: 'object' } },
            }),
          },
          responses: { '201': { description: 'created', ...json(ref('FlagDocument')) }, ...writeErrors(409) },
        },
      },
      '/api/flags/{name}': {
        parameters: [name],
        get: { summary: 'The whole stored document', responses: { '200': { description: 'the flag', ...json(ref('FlagDocument')) }, ...errors(401, 404, 503) } },
        delete: { summary: 'Destroy the flag', responses: { '204': { description: 'destroyed' }, ...writeErrors() } },
      },
      '/api/flags/{name}/enable': { parameters: [name], post: { summary: 'Switch on', responses: { ...document200, ...writeErrors() } } },
      '/api/flags/{name}/disable': { parameters: [name], post: { summary: 'Switch off', responses: { ...document200, ...writeErrors() } } },
      '/api/flags/{name}/conditions': {
        parameters: [name],
        put: {
          summary: 'Replace all conditions',
          requestBody: { required: true, ...json({ type: 'object', required: ['conditions'], properties: { conditions: { type: 'array', items: ref('Condition') } } }) },
          responses: { ...document200, ...writeErrors(409) },
        },
        post: {
          summary: 'Add a condition',
          requestBody: { required: true, ...json({ type: 'object', required: ['condition'], properties: { condition: ref('Condition') } }) },
          responses: { ...document200, ...writeErrors(409) },
        },
      },
      '/api/flags/{name}/bucketer': {
        parameters: [name],
        put: { summary: 'Set the bucketer', requestBody: { required: true, ...json(ref('Bucketer')) }, responses: { ...document200, ...writeErrors(409) } },
        delete: { summary: 'Remove the bucketer (NoOpBucketer)', responses: { ...document200, ...writeErrors(409) } },
      },
      '/api/flags/{name}/client-data': {
        parameters: [name],
        patch: {
          summary: 'Merge client data (top-level keys replace)',
          requestBody: { required: true, ...json({ type: 'object' }) },
          responses: { ...document200, ...writeErrors(409) },
        },
      },
      '/api/flags/{name}/evaluate': {
        parameters: [name],
        post: {
          summary: 'Evaluate for checks: the answer and the rule that gave it (read access suffices)',
          requestBody: { ...json({ type: 'object', properties: { checks: { type: 'object', examples: [{ user_id: 42 }] } }, additionalProperties: false }) },
          responses: { '200': { description: 'the evaluation', ...json(ref('Evaluation')) }, ...errors(400, 401, 404, 503) },
        },
      },
      '/api/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
      '/events': {
        get: {
          summary: "Server-sent events: `change` with {kind: 'flag', featureName} or {kind: 'all'} for every change the store's feed reports",
          responses: { '200': { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
        },
      },
    },
    components: {
      schemas,
      securitySchemes: { host: { type: 'http', scheme: 'bearer', description: "whatever the host's authorize(request) accepts" } },
    },
    security: [{ host: [] }],
  };
}
