// For the Jest configs of the workspace's packages whose tests load thrift (see
// `uuidStandInMapping` in jest.base.js); not published. thrift 0.24 require()s the ESM-only
// `uuid` package for UUID fields; plain Node 20.19+ loads it, Jest's module loader (before Node
// 24.9) cannot. thrift uses only `parse` and `stringify`, the two functions here. The
// FeatureFlagStore IDL has no UUID field, so the service never reaches them; they are correct all
// the same (canonical 8-4-4-4-12 text, any version).
/* global Buffer, module */
'use strict';

const CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parse(text) {
  if (typeof text !== 'string' || !CANONICAL.test(text)) throw new TypeError('Invalid UUID');
  return Uint8Array.from(Buffer.from(text.replace(/-/g, ''), 'hex'));
}

function stringify(bytes) {
  if (bytes.length !== 16) throw new TypeError('Invalid UUID bytes');
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

module.exports = { parse, stringify };
