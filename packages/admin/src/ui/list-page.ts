import type { FlagPage } from '../flag-service.js';
import { isoDate } from '../flag-summary.js';
import { html, type SafeHtml } from './html.js';
import { csrfField, errorBox, flagPath, layout, notice, type PageContext } from './layout.js';

export interface ListView {
  readonly page: FlagPage;
  readonly search: string;
  readonly offset: number;
  readonly limit: number;
  readonly done: string | null;
  readonly error?: string;
}

function toggleForm(context: PageContext, name: string, enabled: boolean): SafeHtml {
  if (!context.canWrite) return html`<span class="state ${enabled ? 'on' : 'off'}">${enabled ? 'on' : 'off'}</span>`;
  return html`<form method="post" action="${flagPath(context.basePath, name, 'toggle')}" class="toggle">
    ${csrfField(context)}
    <input type="hidden" name="enabled" value="${enabled ? 'false' : 'true'}">
    <input type="hidden" name="return" value="list">
    <button type="submit" class="state ${enabled ? 'on' : 'off'}" aria-pressed="${enabled ? 'true' : 'false'}"
      aria-label="${enabled ? 'Disable' : 'Enable'} ${name}" title="${enabled ? 'Disable' : 'Enable'}">${enabled ? 'on' : 'off'}</button>
  </form>`;
}

function pager(context: PageContext, view: ListView): SafeHtml {
  const { total } = view.page;
  if (total <= view.limit) return html``;
  const link = (offset: number, label: string): SafeHtml => {
    const params = new URLSearchParams();
    if (view.search !== '') params.set('q', view.search);
    params.set('offset', String(offset));
    return html`<a href="${context.basePath}/?${params.toString()}">${label}</a>`;
  };
  const last = view.offset + view.page.flags.length;
  return html`<nav class="pager">
    ${view.offset > 0 ? link(Math.max(0, view.offset - view.limit), '← previous') : ''}
    <span>${view.offset + 1}–${last} of ${total}</span>
    ${last < total ? link(last, 'next →') : ''}
  </nav>`;
}

function createForm(context: PageContext): SafeHtml {
  if (!context.canWrite) return html``;
  return html`<form method="post" action="${context.basePath}/flags" class="create">
    ${csrfField(context)}
    <label>New flag <input name="name" required maxlength="1024" placeholder="NEW_CHECKOUT"></label>
    <label class="inline"><input type="checkbox" name="enabled" value="true"> on</label>
    <button type="submit">Create</button>
  </form>`;
}

export function renderListPage(context: PageContext, view: ListView): string {
  const rows = view.page.flags.map(
    (flag) => html`<tr data-flag-row="${flag.name}">
      <td class="name"><a href="${flagPath(context.basePath, flag.name)}">${flag.name}</a></td>
      <td>${toggleForm(context, flag.name, flag.enabled)}</td>
      <td class="count">${flag.conditionCount}</td>
      <td>${flag.bucketer.summary}</td>
      <td><time datetime="${isoDate(flag.createdDate)}">${isoDate(flag.createdDate)}</time></td>
    </tr>`,
  );
  const unreadable = view.page.unreadable.map(
    (flag) => html`<li><a href="${flagPath(context.basePath, flag.name)}">${flag.name}</a>: ${flag.cause}</li>`,
  );
  const body = html`
<h1>Flags</h1>
${notice(view.done)}${errorBox(view.error)}
<div class="toolbar">
  <form method="get" action="${context.basePath}/" class="search" role="search">
    <input type="search" name="q" value="${view.search}" placeholder="Search by name" aria-label="Search flags by name">
    <button type="submit">Search</button>
  </form>
  ${createForm(context)}
</div>
<section id="flag-table" data-live>
  <p class="count-line">${view.page.total} ${view.page.total === 1 ? 'flag' : 'flags'}${view.search === '' ? '' : html` matching “${view.search}”`}</p>
  <table class="flags">
    <thead><tr><th>name</th><th>state</th><th>conditions</th><th>bucketer</th><th>created</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>
  ${pager(context, view)}
  ${unreadable.length === 0 ? '' : html`<h2>Unreadable documents</h2><ul class="unreadable">${unreadable}</ul>`}
</section>`;
  return layout(context, { title: 'Flags', body, kind: 'list' });
}
