// thrift 0.24 loads the ESM-only `uuid` package with require(). Plain Node 20.19+ can; Jest's
// module loader cannot, so under Jest this module takes its place. The FeatureFlagStore service
// has no UUID field: thrift only needs the two names to exist.
/* global Buffer, module */
'use strict';

const HEX_UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

module.exports = {
  parse(text) {
    if (!HEX_UUID.test(String(text))) throw new TypeError('Invalid UUID');
    return new Uint8Array(Buffer.from(String(text).replaceAll('-', ''), 'hex'));
  },
  stringify(bytes) {
    const hex = Buffer.from(bytes).toString('hex');
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
  },
};
