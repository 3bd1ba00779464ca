import {
  InMemoryProvider,
  OpenFeature,
  type Client,
  type EvaluationContext,
  type Logger,
} from '@openfeature/server-sdk';
import { installedVersion } from '../workspace-packages.js';

export const OPENFEATURE_LIBRARY = `@openfeature/server-sdk ${installedVersion('@openfeature/server-sdk')}`;

/** A boolean flag for the in-memory provider: on or off, optionally decided by code per context. */
export interface OpenFeatureFlag {
  defaultVariant: 'on' | 'off';
  contextEvaluator?: (context: EvaluationContext) => 'on' | 'off';
}

const silent: Logger = { error() {}, warn() {}, info() {}, debug() {} };

let domains = 0;

/**
 * An OpenFeature client on its own domain, served by the SDK's in-memory provider. The
 * provider has no rule language: a rule is a `contextEvaluator` function, which the scenarios
 * write to match flipper's rule. The SDK's logger is silenced so that a missing flag's error
 * log does not land inside the measured loop.
 */
export async function startOpenFeature(flags: Record<string, OpenFeatureFlag>): Promise<Client> {
  OpenFeature.setLogger(silent);
  const configuration: ConstructorParameters<typeof InMemoryProvider>[0] = {};
  for (const [key, flag] of Object.entries(flags)) {
    configuration[key] = {
      variants: { on: true, off: false },
      defaultVariant: flag.defaultVariant,
      disabled: false,
      ...(flag.contextEvaluator === undefined ? {} : { contextEvaluator: flag.contextEvaluator }),
    };
  }
  const domain = `flipper-bench-${++domains}`;
  await OpenFeature.setProviderAndWait(domain, new InMemoryProvider(configuration));
  return OpenFeature.getClient(domain);
}
