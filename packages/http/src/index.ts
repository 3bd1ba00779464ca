/**
 * `@flipper-client/http`: what flipper's web apps (`@flipper-client/admin`,
 * `@flipper-client/ofrep`) share to serve HTTP — a node:http/Express adapter for a Web-standard
 * fetch handler, request bodies read with a size limit, and JSON responses.
 */
export { createNodeHandler } from './node-handler.js';
export type { FetchHandler, NodeHandler, NodeRequestContext } from './node-handler.js';
export { mediaTypeOf, readJson, readText, RequestBodyError } from './request-body.js';
export type { RequestBodyProblem } from './request-body.js';
export { jsonResponse } from './json-response.js';
