export { FlipperProvider } from './flipper-provider.js';
export type { FlipperProviderOptions } from './provider-options.js';
