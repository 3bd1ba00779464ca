// Jest (before Node 24.9) cannot require() an ES module, and thrift 0.24 requires the ESM-only
// `uuid` package for its UUID fields. Plain Node 20.19+ loads it natively; under Jest this
// CommonJS stand-in takes its place. The FeatureFlagStore IDL has no UUID field, so these two
// functions are never reached by the service; they are correct all the same.
/* global Buffer, module */
'use strict';

function parse(text) {
  const hex = String(text).replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TypeError('Invalid UUID');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

function stringify(bytes) {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

module.exports = { parse, stringify };
