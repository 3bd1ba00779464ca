// What the READMEs' prose supplies to their code blocks: "features, your FeatureFlagClient",
// "store, any store", "logger, your logger". A block that declares or imports one of these
// names shadows it (each block is a module of its own; these are globals).
type AnyStore = import('@flipper-client/core/store').FeatureFlagStore;
interface ReadmeLogger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

declare const features: import('@flipper-client/core').FeatureFlagClient;
declare const flag: import('@flipper-client/core').FeatureFlag;
declare const store: AnyStore;
declare const backend: AnyStore;
declare const primary: AnyStore & import('@flipper-client/core/store').WholeDocumentWrites;
declare const backup: AnyStore;
declare const replicas: AnyStore[];
declare const coldStorage: AnyStore;
declare const redis: import('ioredis').Redis;
declare const admin: import('@flipper-client/admin').AdminApp;
declare const app: import('express').Express;
declare const hostApp: import('node:http').RequestListener;
declare const logger: ReadmeLogger;
declare const log: ReadmeLogger;
declare const sessionSecret: string;
declare function runMyFeature(): void;
declare function runOldFeature(): void;
declare function audit(featureName: string): void;
declare function cleanup(): Promise<void>;
declare const MyStore: new (namespace: string) => AnyStore;
declare function freshNamespace(): string;
declare function oldHorseSound(request: Request): Response;
declare function oldSound(): Promise<string>;
declare function anotherConnection(): Promise<AnyStore>;
declare function uniqueBaseKey(): string;
declare const metrics: { increment(name: string): void };
