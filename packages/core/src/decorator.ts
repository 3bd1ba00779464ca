import type { FeatureFlagClient } from './client.js';
import type { Checks } from './evaluator.js';

export interface IsEnabledGateOptions<Args extends unknown[], Redirected> {
  /** Called with the same arguments (and `this`) instead when the flag is off. */
  redirect?: (...args: Args) => Redirected;
  /** Derives the checks for the flag from the call's arguments; none by default, as in Python. */
  checks?: (...args: Args) => Checks | undefined;
}

/**
 * Gates a function (or, as a decorator, a method) behind a flag. Usable as a wrapper,
 * `isEnabled(features, 'NEW_SOUND', { redirect: oldSound })(newSound)`, or as a TypeScript
 * (TC39) method decorator on a method that returns a Promise.
 */
export interface FlagGate<Redirected> {
  <This, Args extends unknown[], R extends Promise<unknown>>(
    method: (this: This, ...args: Args) => R,
    context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => R>,
  ): (this: This, ...args: Args) => R;
  <This, Args extends unknown[], R>(
    fn: (this: This, ...args: Args) => R,
  ): (this: This, ...args: Args) => Promise<Awaited<R> | Awaited<Redirected>>;
}

/**
 * Calls the wrapped function when the flag is on; otherwise `redirect` with the same arguments
 * when given, else resolves to `undefined`. The flag is checked on every call.
 */
export function isEnabled<Args extends unknown[] = unknown[], Redirected = undefined>(
  features: Pick<FeatureFlagClient, 'isEnabled'>,
  featureName: string,
  options: IsEnabledGateOptions<Args, Redirected> = {},
): FlagGate<Redirected> {
  const { redirect, checks } = options;
  const gate = (fn: (...args: never[]) => unknown) =>
    async function gated(this: unknown, ...args: never[]): Promise<unknown> {
      const given = checks?.(...(args as unknown as Args));
      if (await features.isEnabled(featureName, given)) return fn.apply(this, args);
      if (redirect !== undefined) return redirect.apply(this, args as unknown as Args);
      return undefined;
    };
  return gate as unknown as FlagGate<Redirected>;
}
