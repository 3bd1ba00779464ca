/** JSON Schemas (2020-12, as OpenAPI 3.1 uses) of the API's bodies: the stored shapes of SPEC §5. */

const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });

export const schemas = {
  ConditionCheck: {
    type: 'object',
    required: ['variable', 'operator', 'value'],
    properties: {
      variable: { type: 'string' },
      operator: { enum: [null, 'gt', 'gte', 'lt', 'lte', 'ne', 'in', 'not_in'], description: 'null is equality' },
      value: { description: 'any JSON value; the right-hand side of the check' },
    },
  },
  Condition: {
    type: 'object',
    description: 'Each constrained variable maps to its checks; every check must hold.',
    additionalProperties: { type: 'array', items: ref('ConditionCheck'), minItems: 1 },
    minProperties: 1,
    examples: [{ age: [{ variable: 'age', operator: 'gte', value: 18 }] }],
  },
  Percentage: {
    oneOf: [
      {
        type: 'object',
        required: ['type', 'value'],
        properties: { type: { const: 'Percentage' }, value: { type: 'number', minimum: 0, maximum: 1 } },
      },
      {
        type: 'object',
        required: ['type', 'initial_value', 'final_value', 'ramp_duration', 'initial_time'],
        properties: {
          type: { const: 'LinearRampPercentage' },
          initial_value: { type: 'number', minimum: 0, maximum: 1 },
          final_value: { type: 'number', minimum: 0, maximum: 1 },
          ramp_duration: { type: 'number', minimum: 0, description: 'seconds' },
          initial_time: { type: 'number', description: 'epoch seconds when the ramp starts' },
        },
      },
    ],
  },
  Bucketer: {
    oneOf: [
      { type: 'object', required: ['type'], properties: { type: { const: 'NoOpBucketer' } } },
      { type: 'object', required: ['type', 'percentage'], properties: { type: { const: 'PercentageBucketer' }, percentage: ref('Percentage') } },
      {
        type: 'object',
        required: ['type', 'percentage'],
        properties: {
          type: { const: 'ConsistentHashPercentageBucketer' },
          percentage: ref('Percentage'),
          key_whitelist: { type: 'array', items: { type: 'string' }, description: 'checks that feed the hash; empty: all' },
        },
      },
    ],
  },
  FlagDocument: {
    type: 'object',
    description: 'The stored document of a flag (SPEC §5), shared with the Python library.',
    required: ['feature_name', 'is_enabled', 'meta'],
    properties: {
      feature_name: { type: 'string' },
      is_enabled: { type: 'boolean' },
      meta: {
        type: 'object',
        required: ['client_data', 'created_date', 'conditions', 'bucketer'],
        properties: {
          client_data: { type: 'object' },
          created_date: { type: 'integer', description: 'epoch seconds' },
          conditions: { type: 'array', items: ref('Condition') },
          bucketer: ref('Bucketer'),
        },
      },
    },
  },
  FlagSummary: {
    type: 'object',
    required: ['name', 'enabled', 'conditionCount', 'bucketer', 'createdDate'],
    properties: {
      name: { type: 'string' },
      enabled: { type: 'boolean' },
      conditionCount: { type: 'integer' },
      bucketer: {
        type: 'object',
        required: ['type', 'summary', 'currentPercentage'],
        properties: {
          type: { enum: ['NoOpBucketer', 'PercentageBucketer', 'ConsistentHashPercentageBucketer'] },
          summary: { type: 'string', examples: ['consistent 50% by user_id'] },
          currentPercentage: { type: ['number', 'null'], description: 'the share in at this moment, 0–1' },
        },
      },
      createdDate: { type: 'integer', description: 'epoch seconds' },
    },
  },
  FlagList: {
    type: 'object',
    required: ['flags', 'total', 'offset', 'limit', 'unreadable'],
    properties: {
      flags: { type: 'array', items: ref('FlagSummary') },
      total: { type: 'integer', description: 'flags matching the search, all pages' },
      offset: { type: 'integer' },
      limit: { type: 'integer' },
      unreadable: {
        type: 'array',
        description: 'stored documents that could not be decoded (they can still be destroyed)',
        items: { type: 'object', required: ['name', 'cause'], properties: { name: { type: 'string' }, cause: { type: 'string' } } },
      },
    },
  },
  Evaluation: {
    type: 'object',
    required: ['featureName', 'enabled', 'reason', 'description'],
    properties: {
      featureName: { type: 'string' },
      enabled: { type: 'boolean' },
      reason: {
        type: 'object',
        required: ['kind'],
        description: 'which rule decided: disabled, conditions_matched {conditions}, condition_failed {failed}, unmatched_conditions, percentage {percentage}, consistent_hash {percentage, bucket, hashed}, no_rule_applied, always_on',
        properties: { kind: { type: 'string' } },
      },
      description: { type: 'string', examples: ['off: [["user_id", 42]] hashes to bucket 51 of 100, outside 50%'] },
    },
  },
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'flag', 'cause'],
        properties: {
          code: {
            enum: [
              'INVALID_BODY', 'INVALID_ARGUMENT', 'UNSUPPORTED_MEDIA_TYPE', 'BODY_TOO_LARGE', 'UNAUTHORIZED', 'FORBIDDEN',
              'READ_ONLY', 'CROSS_SITE_REQUEST', 'CSRF_TOKEN_INVALID', 'NOT_FOUND', 'METHOD_NOT_ALLOWED', 'FLAG_NOT_FOUND',
              'FLAG_EXISTS', 'UPDATE_CONFLICT', 'EVALUATION_FAILED', 'INVALID_DOCUMENT', 'STORE_UNAVAILABLE', 'WRITE_OUTCOME_UNKNOWN',
              'INTERNAL_ERROR',
            ],
          },
          message: { type: 'string' },
          flag: { type: ['string', 'null'] },
          cause: { type: 'string' },
          store: { type: 'string', description: 'STORE_UNAVAILABLE: the store' },
          storeCode: { type: 'string', description: "STORE_UNAVAILABLE: the store's error code (ECONNREFUSED, STORE_FAILURE...)" },
        },
      },
    },
  },
} as const;
