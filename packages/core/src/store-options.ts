import type { JsonObject } from './json.js';

/** What `create` and `createIfAbsent` take beside the name. */
export interface StoreCreateOptions {
  isEnabled?: boolean;
  clientData?: JsonObject;
}
