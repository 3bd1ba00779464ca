// CommonJS stand-in for `uuid` under Jest (see jest.config.js). thrift 0.24 calls `parse` and
// `stringify` only for UUID fields, which the FeatureFlagStore service does not have; they are
// implemented all the same, so that a call would be right rather than silently wrong.
/* global Buffer, module */
'use strict';

const UUID = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/i;

module.exports = {
  parse(text) {
    const match = UUID.exec(String(text));
    if (match === null) throw new TypeError(`Invalid UUID: ${String(text)}`);
    return new Uint8Array(Buffer.from(match.slice(1).join(''), 'hex'));
  },
  stringify(bytes) {
    const hex = Buffer.from(bytes).toString('hex');
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
  },
};
