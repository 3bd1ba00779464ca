import {
  assertClientData,
  assertFeatureName,
  FlagDoesNotExistError,
  FlipperError,
  InvalidArgumentError,
  InvalidDocumentError,
  type FeatureFlagMeta,
  type FeatureFlagStore,
  type FeatureFlagStoreItem,
} from '@flipper-client/core/store';
import { metaFromThrift } from '../from-thrift.js';
import { FeatureFlagStoreTypes, type ThriftFeatureFlagStoreItem } from '../generated-code.js';
import type { Int64Like, ThriftFeatureFlagStoreMetaLike } from '../thrift-shapes.js';
import { itemToThrift } from '../to-thrift.js';

const { ErrorCode, FlipperException } = FeatureFlagStoreTypes;

/** A failure that happened while serving a call; `operation` is the Thrift method. */
export type ServiceErrorReporter = (error: unknown, operation: string) => void;

function parseClientData(featureName: string, text: string | null): unknown {
  if (text === null || text === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError('client_data is not valid JSON', { featureName, cause: error });
  }
}

/** A list bound from an i64: unset stays unset, past 2^53 means "everything". */
function listBound(value: Int64Like | null, name: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  const number = value.toNumber(true);
  if (number < 0) throw new InvalidArgumentError(`List ${name} must not be negative, got ${number}`);
  return Math.min(number, Number.MAX_SAFE_INTEGER);
}

/** The meta argument decoded, its faults worded as bad input rather than as a bad stored document. */
function decodeMetaArgument(featureName: string, meta: ThriftFeatureFlagStoreMetaLike): FeatureFlagMeta {
  try {
    return metaFromThrift(featureName, meta);
  } catch (error) {
    if (!(error instanceof InvalidDocumentError)) throw error;
    const prefix = `${new InvalidArgumentError('', { featureName }).message}stored document is invalid at `;
    const detail = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    throw new InvalidArgumentError(`SetMeta: meta is invalid at ${detail}`, { featureName, cause: error });
  }
}

function toFlipperException(error: unknown): InstanceType<typeof FlipperException> {
  if (error instanceof FlagDoesNotExistError) return new FlipperException({ code: ErrorCode.NOT_FOUND, message: error.message });
  if (error instanceof FlipperError) return new FlipperException({ message: error.message });
  return new FlipperException({ message: `flipper: the flag store failed: ${error instanceof Error ? error.message : String(error)}` });
}

/**
 * The FeatureFlagStore service over any store. Every argument is validated before the store is
 * touched; every failure goes back as a FlipperException (NOT_FOUND for a missing flag, a
 * message otherwise), so no input can make the processor write an application exception or
 * throw. Each method declares exactly the IDL's arguments: the generated processor tells a
 * promise handler from a callback one by the number of parameters.
 */
export function createServiceHandler(store: FeatureFlagStore, report: ServiceErrorReporter) {
  async function serve<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const isClientFault =
        error instanceof FlagDoesNotExistError || (error instanceof FlipperError && error.code === 'INVALID_ARGUMENT');
      if (!isClientFault) report(error, operation);
      throw toFlipperException(error);
    }
  }

  async function found(featureName: string): Promise<FeatureFlagStoreItem> {
    const item = await store.get(featureName);
    if (item === undefined) throw new FlagDoesNotExistError(featureName);
    return item;
  }

  return {
    Create(feature_name: string, is_enabled: boolean | null, client_data: string | null): Promise<ThriftFeatureFlagStoreItem> {
      return serve('Create', async () => {
        assertFeatureName(feature_name);
        const clientData = parseClientData(feature_name, client_data);
        assertClientData(feature_name, clientData);
        return itemToThrift(await store.create(feature_name, { isEnabled: is_enabled === true, clientData }));
      });
    },

    Get(feature_name: string): Promise<ThriftFeatureFlagStoreItem> {
      return serve('Get', async () => {
        assertFeatureName(feature_name);
        return itemToThrift(await found(feature_name));
      });
    },

    Set(feature_name: string, is_enabled: boolean | null): Promise<void> {
      return serve('Set', async () => {
        assertFeatureName(feature_name);
        if (typeof is_enabled !== 'boolean') throw new InvalidArgumentError('Set needs is_enabled', { featureName: feature_name });
        await store.set(feature_name, is_enabled);
      });
    },

    Delete(feature_name: string): Promise<void> {
      return serve('Delete', async () => {
        assertFeatureName(feature_name);
        await store.delete(feature_name);
      });
    },

    List(limit: Int64Like | null, offset: Int64Like | null): Promise<ThriftFeatureFlagStoreItem[]> {
      return serve('List', async () => {
        const options = { limit: listBound(limit, 'limit'), offset: listBound(offset, 'offset') ?? 0 };
        const items: ThriftFeatureFlagStoreItem[] = [];
        // A flag the store cannot decode is left out and reported, as every listing does.
        for await (const item of store.list({ ...options, onInvalid: (error) => report(error, 'List') })) {
          items.push(itemToThrift(item));
        }
        return items;
      });
    },

    SetMeta(feature_name: string, meta: ThriftFeatureFlagStoreMetaLike | null): Promise<void> {
      return serve('SetMeta', async () => {
        assertFeatureName(feature_name);
        if (meta === null) throw new InvalidArgumentError('SetMeta needs meta', { featureName: feature_name });
        await store.setMeta(feature_name, decodeMetaArgument(feature_name, meta));
      });
    },
  };
}
