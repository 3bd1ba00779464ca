import { describeExplanation, NoOpBucketer } from '@flipper-client/core';
import type { JsonObject } from '@flipper-client/core/store';
import type { FlagService } from '../flag-service.js';
import { documentOf } from '../flag-summary.js';
import { invalidBody } from '../errors.js';
import { readJson } from '../http/body.js';
import { jsonResponse } from '../http/responses.js';
import { writeOrigin, type Route, type RouteContext } from '../http/router.js';
import { bucketerFromWire, checksFromWire, conditionFromWire, conditionsFromWire, isRecord } from '../wire.js';
import { listQuery } from './list-query.js';

export interface ApiDependencies {
  readonly flags: FlagService;
  readonly maxBodyBytes: number;
  readonly openapi: () => unknown;
}

function member<T>(featureName: string | undefined, body: Record<string, unknown>, key: string, check: (value: unknown) => value is T, what: string): T | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (!check(value)) throw invalidBody(featureName, `${key} must be ${what}`);
  return value;
}

const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

export function apiRoutes({ flags, maxBodyBytes, openapi }: ApiDependencies): Route[] {
  const body = async (context: RouteContext, featureName?: string): Promise<Record<string, unknown>> => {
    const parsed = await readJson(context.request, maxBodyBytes, featureName);
    if (parsed === undefined) return {};
    if (!isRecord(parsed)) throw invalidBody(featureName, 'the body must be a JSON object');
    return parsed;
  };
  const flagDocument = async (name: string): Promise<Response> => jsonResponse(200, documentOf(await flags.get(name)));
  const change = (
    path: string,
    method: Route['method'],
    action: Parameters<FlagService['change']>[2],
    prepare: (name: string, context: RouteContext) => Promise<() => Promise<void>>,
  ): Route => ({
    method,
    path,
    write: true,
    surface: 'api',
    handle: async (context) => {
      const name = context.params['name']!;
      const run = await prepare(name, context);
      const after = await flags.change(writeOrigin(context), name, action, run);
      return after === undefined ? jsonResponse(204, null) : jsonResponse(200, documentOf(after));
    },
  });
  const client = flags.client;

  return [
    { method: 'GET', path: '/api/openapi.json', write: false, surface: 'api', handle: async () => jsonResponse(200, openapi()) },
    {
      method: 'GET',
      path: '/api/flags',
      write: false,
      surface: 'api',
      handle: async ({ url }) => {
        const query = listQuery(url.searchParams, 100);
        const page = await flags.list(query);
        return jsonResponse(200, { ...page, offset: query.offset, limit: query.limit });
      },
    },
    {
      method: 'POST',
      path: '/api/flags',
      write: true,
      surface: 'api',
      handle: async (context) => {
        const input = await body(context);
        const name = input['name'];
        if (typeof name !== 'string') throw invalidBody(undefined, 'name must be a string');
        const enabled = member(name, input, 'enabled', isBoolean, 'a boolean') ?? false;
        const clientData = member(name, input, 'clientData', isRecord, 'an object') ?? {};
        const item = await flags.create(writeOrigin(context), name, { enabled, clientData: clientData as JsonObject });
        return jsonResponse(201, documentOf(item));
      },
    },
    { method: 'GET', path: '/api/flags/:name', write: false, surface: 'api', handle: async ({ params }) => flagDocument(params['name']!) },
    change('/api/flags/:name', 'DELETE', 'destroy', async (name) => () => client.destroy(name)),
    change('/api/flags/:name/enable', 'POST', 'enable', async (name) => () => client.enable(name)),
    change('/api/flags/:name/disable', 'POST', 'disable', async (name) => () => client.disable(name)),
    change('/api/flags/:name/conditions', 'PUT', 'set_conditions', async (name, context) => {
      const conditions = conditionsFromWire(name, (await body(context, name))['conditions']);
      return () => client.setConditions(name, conditions);
    }),
    change('/api/flags/:name/conditions', 'POST', 'add_condition', async (name, context) => {
      const condition = conditionFromWire(name, (await body(context, name))['condition']);
      return () => client.addCondition(name, condition);
    }),
    change('/api/flags/:name/bucketer', 'PUT', 'set_bucketer', async (name, context) => {
      const bucketer = bucketerFromWire(name, await body(context, name));
      return () => client.setBucketer(name, bucketer);
    }),
    change('/api/flags/:name/bucketer', 'DELETE', 'set_bucketer', async (name) => () => client.setBucketer(name, new NoOpBucketer())),
    change('/api/flags/:name/client-data', 'PATCH', 'set_client_data', async (name, context) => {
      const data = await body(context, name);
      return () => client.setClientData(name, data);
    }),
    {
      method: 'POST',
      path: '/api/flags/:name/evaluate',
      write: false,
      surface: 'api',
      handle: async (context) => {
        const name = context.params['name']!;
        const checks = checksFromWire(name, await body(context, name));
        const explanation = await flags.explain(name, checks);
        return jsonResponse(200, { ...explanation, description: describeExplanation(explanation) });
      },
    },
  ];
}
