import type { Bucketer } from './bucketer.js';
import type { IsEnabledOptions } from './client-options.js';
import type { Condition } from './condition.js';
import type { Checks } from './evaluator.js';
import type { StoredMeta } from './item.js';
import type { JsonObject } from './json.js';

/**
 * The calls a handle forwards, each for one flag name: `FeatureFlagClient` implements them.
 * Declared here so that the handle does not depend on the client that makes it.
 */
export interface FlagCalls<TName extends string> {
  isEnabled(featureName: TName, checks?: Checks, options?: IsEnabledOptions): Promise<boolean>;
  isEnabledSync(featureName: TName, checks?: Checks, options?: IsEnabledOptions): boolean;
  exists(featureName: TName): Promise<boolean>;
  enable(featureName: TName): Promise<void>;
  disable(featureName: TName): Promise<void>;
  destroy(featureName: TName): Promise<void>;
  addCondition(featureName: TName, condition: Condition): Promise<void>;
  setConditions(featureName: TName, conditions: readonly Condition[]): Promise<void>;
  setClientData(featureName: TName, clientData: Record<string, unknown>): Promise<void>;
  getClientData(featureName: TName): Promise<JsonObject>;
  getMeta(featureName: TName): Promise<StoredMeta>;
  setBucketer(featureName: TName, bucketer: Bucketer): Promise<void>;
}

/** A handle on one flag of a client; every call goes through the client (and its events). */
export class FeatureFlag<TName extends string = string> {
  constructor(
    private readonly client: FlagCalls<TName>,
    readonly name: TName,
  ) {}

  isEnabled(checks?: Checks, options?: IsEnabledOptions): Promise<boolean> {
    return this.client.isEnabled(this.name, checks, options);
  }

  isEnabledSync(checks?: Checks, options?: IsEnabledOptions): boolean {
    return this.client.isEnabledSync(this.name, checks, options);
  }

  exists(): Promise<boolean> {
    return this.client.exists(this.name);
  }

  enable(): Promise<void> {
    return this.client.enable(this.name);
  }

  disable(): Promise<void> {
    return this.client.disable(this.name);
  }

  destroy(): Promise<void> {
    return this.client.destroy(this.name);
  }

  addCondition(condition: Condition): Promise<void> {
    return this.client.addCondition(this.name, condition);
  }

  setConditions(conditions: readonly Condition[]): Promise<void> {
    return this.client.setConditions(this.name, conditions);
  }

  setClientData(clientData: Record<string, unknown>): Promise<void> {
    return this.client.setClientData(this.name, clientData);
  }

  getClientData(): Promise<JsonObject> {
    return this.client.getClientData(this.name);
  }

  getMeta(): Promise<StoredMeta> {
    return this.client.getMeta(this.name);
  }

  setBucketer(bucketer: Bucketer): Promise<void> {
    return this.client.setBucketer(this.name, bucketer);
  }
}
