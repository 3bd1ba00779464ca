import { describeExplanation } from '@flipper-client/core';
import { listQuery } from '../api/list-query.js';
import type { ChangeHub } from '../change-hub.js';
import type { FlagService, WriteOrigin } from '../flag-service.js';
import { invalidBody, toAdminError } from '../errors.js';
import { htmlResponse, seeOther } from '../http/responses.js';
import { writeOrigin, type Route, type RouteContext } from '../http/router.js';
import { bucketerFromWire, conditionsFromWire } from '../wire.js';
import { renderFlagPage, type FlagView } from './flag-page.js';
import { bucketerFromForm, checksFromText, clientDataFromForm, conditionsFromForm } from './forms.js';
import { flagPath, type PageContext } from './layout.js';
import { renderListPage } from './list-page.js';

/** What every page shows whoever asks: where the app is, its title, its sign-in and environment. */
export interface PageSettings {
  readonly changes: ChangeHub;
  readonly basePath: string;
  readonly title: string;
  readonly signIn: boolean;
  readonly environment?: string;
}

export interface UiDependencies extends PageSettings {
  readonly flags: FlagService;
  readonly pageSize: number;
}

export function pageContext(deps: PageSettings, context: Pick<RouteContext, 'csrfToken' | 'canWrite' | 'viewer'>): PageContext {
  return {
    basePath: deps.basePath,
    title: deps.title,
    csrfToken: context.csrfToken,
    canWrite: context.canWrite,
    live: deps.changes.live,
    viewer: context.viewer,
    signIn: deps.signIn,
    ...(deps.environment === undefined ? {} : { environment: deps.environment }),
  };
}

export function uiRoutes(deps: UiDependencies): Route[] {
  const { flags } = deps;
  const client = flags.client;

  const flagPage = async (context: RouteContext, name: string, status: number, extra: Partial<FlagView>): Promise<Response> => {
    const item = await flags.get(name);
    const page = renderFlagPage(pageContext(deps, context), { item, done: context.url.searchParams.get('done'), ...extra });
    return htmlResponse(status, page, context.responseHeaders);
  };

  /** A page write: on bad input the page comes back with the reason and nothing is stored. */
  const write = (
    action: string,
    run: (name: string, form: URLSearchParams, origin: WriteOrigin) => Promise<string>,
  ): Route => ({
    method: 'POST',
    path: `/flag/:name/${action}`,
    write: true,
    surface: 'ui',
    handle: async (context) => {
      const name = context.params['name']!;
      try {
        const location = await run(name, context.form ?? new URLSearchParams(), writeOrigin(context));
        return seeOther(location, context.responseHeaders);
      } catch (error) {
        const refused = toAdminError(error, name);
        if (refused.status !== 400) throw refused;
        return flagPage(context, name, 400, { done: null, error: `${refused.message}: ${refused.detail}` });
      }
    },
  });
  const back = (name: string, done: string): string => `${flagPath(deps.basePath, name)}?done=${done}`;

  return [
    {
      method: 'GET',
      path: '/',
      write: false,
      surface: 'ui',
      handle: async (context) => {
        const query = listQuery(context.url.searchParams, deps.pageSize);
        const page = await flags.list(query);
        const view = { page, search: query.search ?? '', offset: query.offset, limit: query.limit, done: context.url.searchParams.get('done') };
        return htmlResponse(200, renderListPage(pageContext(deps, context), view), context.responseHeaders);
      },
    },
    { method: 'GET', path: '/events', write: false, surface: 'ui', handle: async () => deps.changes.stream() },
    {
      method: 'GET',
      path: '/flag/:name',
      write: false,
      surface: 'ui',
      handle: async (context) => {
        const name = context.params['name']!;
        const input = context.url.searchParams.get('try');
        if (input === null) return flagPage(context, name, 200, {});
        try {
          const explanation = await flags.explain(name, checksFromText(name, input));
          return flagPage(context, name, 200, { trial: { input, explanation, description: describeExplanation(explanation) } });
        } catch (error) {
          const refused = toAdminError(error, name);
          if (refused.status !== 400) throw refused;
          return flagPage(context, name, 400, { trial: { input, error: refused.detail } });
        }
      },
    },
    {
      method: 'POST',
      path: '/flags',
      write: true,
      surface: 'ui',
      handle: async (context) => {
        const form = context.form ?? new URLSearchParams();
        const name = (form.get('name') ?? '').trim();
        if (name === '') throw invalidBody(undefined, 'a new flag needs a name');
        await flags.create(writeOrigin(context), name, { enabled: form.get('enabled') === 'true', clientData: {} });
        return seeOther(back(name, 'created'), context.responseHeaders);
      },
    },
    write('toggle', async (name, form, origin) => {
      const enabled = form.get('enabled');
      if (enabled !== 'true' && enabled !== 'false') throw invalidBody(name, 'enabled must be true or false');
      const on = enabled === 'true';
      await flags.change(origin, name, on ? 'enable' : 'disable', () => (on ? client.enable(name) : client.disable(name)));
      const done = on ? 'enabled' : 'disabled';
      return form.get('return') === 'list' ? `${deps.basePath}/?done=${done}` : back(name, done);
    }),
    write('conditions', async (name, form, origin) => {
      const conditions = conditionsFromWire(name, conditionsFromForm(name, form));
      await flags.change(origin, name, 'set_conditions', () => client.setConditions(name, conditions));
      return back(name, 'conditions');
    }),
    write('bucketer', async (name, form, origin) => {
      const bucketer = bucketerFromWire(name, bucketerFromForm(name, form));
      await flags.change(origin, name, 'set_bucketer', () => client.setBucketer(name, bucketer));
      return back(name, 'bucketer');
    }),
    write('client-data', async (name, form, origin) => {
      const data = clientDataFromForm(name, form);
      await flags.change(origin, name, 'set_client_data', () => client.setClientData(name, data));
      return back(name, 'client-data');
    }),
    write('destroy', async (name, form, origin) => {
      if (form.get('confirm') !== 'yes') throw invalidBody(name, 'tick the box to confirm');
      await flags.change(origin, name, 'destroy', () => client.destroy(name));
      return `${deps.basePath}/?done=destroyed`;
    }),
  ];
}
