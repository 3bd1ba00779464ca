/**
 * `@flipper-client/ofrep`: an OpenFeature Remote Evaluation Protocol server over a flipper
 * client, for OpenFeature's OFREP providers in any language and in browsers.
 */
export { createOfrepApp } from './app.js';
export type { OfrepApp } from './app.js';
export { apiKeys } from './access.js';
export type { ApiKey, OfrepAccess } from './access.js';
export type { OfrepOptions, RateLimitOptions } from './options.js';
export type { NodeHandler, NodeRequestContext } from '@flipper-client/http';
