import type { Bucketer } from './bucketer.js';
import type { Condition } from './condition.js';
import { FlipperError } from './errors.js';
import type { JsonObject } from './json.js';

/** The writes that announce themselves with a `pre_` event before and a `post_` event after. */
export interface WriteEventDetails {
  create: { readonly isEnabled: boolean; readonly clientData: Readonly<JsonObject> };
  enable: object;
  disable: object;
  destroy: object;
  add_condition: { readonly condition: Condition };
  set_conditions: { readonly conditions: readonly Condition[] };
  set_client_data: { readonly clientData: Readonly<JsonObject> };
  set_bucketer: { readonly bucketer: Bucketer };
  /** `client.rollback`: the flag put back as it was after this history entry. */
  rollback: { readonly entryId: string };
}

export type WriteName = keyof WriteEventDetails;
export type WriteEventType = `pre_${WriteName}` | `post_${WriteName}`;
export type FlagEventType = WriteEventType | 'error';

type WriteOf<T extends WriteEventType> = T extends `pre_${infer W}` | `post_${infer W}` ? W & WriteName : never;

export interface ErrorEvent {
  readonly type: 'error';
  /** The flag concerned, when there is one. */
  readonly featureName: string | undefined;
  readonly error: FlipperError;
}

/** The single argument a listener receives for events of type `T`. */
export type FlagEvent<T extends FlagEventType = FlagEventType> = T extends 'error'
  ? ErrorEvent
  : T extends WriteEventType
    ? { readonly type: T; readonly featureName: string } & WriteEventDetails[WriteOf<T>]
    : never;

export type FlagEventListener<T extends FlagEventType = FlagEventType> = (event: FlagEvent<T>) => unknown;

type CamelSegment<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Capitalize<Head>}${CamelSegment<Tail>}`
  : Capitalize<S>;

/** `pre_add_condition` → `onPreAddCondition`. */
export type SubscriberMethodName<T extends FlagEventType> = `on${CamelSegment<T>}`;

/** An object whose methods named after event types (`onPreCreate`, `onPostEnable`, `onError`...) receive them. */
export type FlagEventSubscriber = {
  [T in FlagEventType as SubscriberMethodName<T>]?: (event: FlagEvent<T>) => unknown;
};

function subscriberMethodName(type: FlagEventType): string {
  return `on${type
    .split('_')
    .map((segment) => segment.charAt(0).toUpperCase() + segment.slice(1))
    .join('')}`;
}

/** Raised on the `error` event when a listener throws: the write itself is not affected. */
export class ListenerError extends FlipperError {
  constructor(eventType: FlagEventType, featureName: string | undefined, cause: unknown) {
    super('LISTENER_FAILED', `a listener of ${eventType} threw`, { featureName, cause });
    this.name = 'ListenerError';
  }
}

/**
 * The client's events. Listeners run synchronously in registration order; one that throws (or
 * returns a rejected promise) is reported on `error` and never breaks the write.
 */
export class FlagEvents {
  private readonly listeners = new Map<FlagEventType, Set<FlagEventListener<never>>>();
  private readonly subscribers = new Set<FlagEventSubscriber>();

  on<T extends FlagEventType>(type: T, listener: FlagEventListener<T>): this {
    let set = this.listeners.get(type);
    if (set === undefined) this.listeners.set(type, (set = new Set()));
    set.add(listener as FlagEventListener<never>);
    return this;
  }

  off<T extends FlagEventType>(type: T, listener: FlagEventListener<T>): this {
    this.listeners.get(type)?.delete(listener as FlagEventListener<never>);
    return this;
  }

  registerSubscriber(subscriber: FlagEventSubscriber): this {
    this.subscribers.add(subscriber);
    return this;
  }

  removeSubscriber(subscriber: FlagEventSubscriber): this {
    this.subscribers.delete(subscriber);
    return this;
  }

  /** True when anyone listens to `type`; lets the hot path skip building an event. */
  hasListeners(type: FlagEventType): boolean {
    if ((this.listeners.get(type)?.size ?? 0) > 0) return true;
    if (this.subscribers.size === 0) return false;
    const method = subscriberMethodName(type);
    for (const subscriber of this.subscribers) {
      if (typeof (subscriber as Record<string, unknown>)[method] === 'function') return true;
    }
    return false;
  }

  emit<T extends FlagEventType>(event: FlagEvent<T>): void {
    const type = event.type as FlagEventType;
    const set = this.listeners.get(type);
    if (set !== undefined) {
      for (const listener of [...set]) this.deliver(type, event, (e) => (listener as FlagEventListener<T>)(e));
    }
    if (this.subscribers.size === 0) return;
    const method = subscriberMethodName(type);
    for (const subscriber of [...this.subscribers]) {
      const handler = (subscriber as Record<string, unknown>)[method];
      if (typeof handler === 'function') {
        this.deliver(type, event, (e) => (handler as (e: FlagEvent<T>) => unknown).call(subscriber, e));
      }
    }
  }

  private deliver<T extends FlagEventType>(
    type: FlagEventType,
    event: FlagEvent<T>,
    call: (event: FlagEvent<T>) => unknown,
  ): void {
    const report = (cause: unknown): void => {
      // A failing error listener has nowhere left to report to.
      if (type === 'error') return;
      this.emit({ type: 'error', featureName: event.featureName, error: new ListenerError(type, event.featureName, cause) });
    };
    try {
      const result = call(event);
      if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
        (result as PromiseLike<unknown>).then(undefined, report);
      }
    } catch (error) {
      report(error);
    }
  }
}
