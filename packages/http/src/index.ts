/**
 * `@flipper-client/http`: what flipper's web apps (`@flipper-client/admin`,
 * `@flipper-client/ofrep`) share to serve HTTP — a node:http/Express adapter for a Web-standard
 * fetch handler, a direct node:http route for hot paths, request bodies read with a size limit,
 * and JSON responses.
 */
export { createNodeHandler, writeWebResponse } from './node-handler.js';
export type { FetchHandler, NodeHandler, NodeRequestContext } from './node-handler.js';
export { createNodeRoute, requestTarget } from './node-route.js';
export type { NodeRoute, RequestTarget } from './node-route.js';
export { preparsedBody, readNodeJson, readNodeText } from './node-body.js';
export type { MountedRequest } from './node-body.js';
export { mediaTypeOf, mediaTypeOfValue, parseJsonBody, readJson, readText, RequestBodyError } from './request-body.js';
export type { RequestBodyProblem } from './request-body.js';
export { jsonResponse } from './json-response.js';
