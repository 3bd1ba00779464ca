import type { Bucketer } from './bucketer.js';
import type { FeatureFlagClient, IsEnabledOptions } from './client.js';
import type { Condition } from './condition.js';
import type { Checks } from './evaluator.js';
import type { StoredMeta } from './item.js';
import type { JsonObject } from './json.js';

/** A handle on one flag of a client; every call goes through the client (and its events). */
export class FeatureFlag<TName extends string = string> {
  constructor(
    private readonly client: FeatureFlagClient<TName>,
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
