export { startS3Server, S3RVER_CREDENTIALS } from './launcher.js';
export type { S3Server, S3ServerOptions } from './launcher.js';
export { KeyedReadWriteLock } from './keyed-read-write-lock.js';
export { createConditionalWriteFront } from './conditional-write-front.js';
export type { ConditionalWriteFront, RequestHandler } from './conditional-write-front.js';
export { evaluatePutPreconditions, hasPreconditions } from './preconditions.js';
export type { PreconditionVerdict, PutPreconditions } from './preconditions.js';
export { s3ErrorXml } from './s3-error-response.js';
