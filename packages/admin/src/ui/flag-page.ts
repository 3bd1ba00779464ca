import type { Explanation } from '@flipper-client/core';
import type { FeatureFlagStoreItem } from '@flipper-client/core/store';
import { isoDate, summarizeBucketer } from '../flag-summary.js';
import { bucketerEditor } from './bucketer-editor.js';
import { conditionEditor } from './condition-editor.js';
import { html, type SafeHtml } from './html.js';
import { csrfField, errorBox, flagPath, layout, notice, type PageContext } from './layout.js';

export interface FlagView {
  readonly item: FeatureFlagStoreItem;
  readonly done: string | null;
  readonly error?: string;
  /** The "try it" input and its outcome, when one was asked. */
  readonly trial?: { readonly input: string; readonly explanation?: Explanation; readonly description?: string; readonly error?: string };
}

function stateSection(context: PageContext, item: FeatureFlagStoreItem): SafeHtml {
  const { featureName: name, enabled } = item;
  const toggle = context.canWrite
    ? html`<form method="post" action="${flagPath(context.basePath, name, 'toggle')}" class="toggle">
        ${csrfField(context)}
        <input type="hidden" name="enabled" value="${enabled ? 'false' : 'true'}">
        <button type="submit" class="state ${enabled ? 'on' : 'off'}" aria-pressed="${enabled ? 'true' : 'false'}">${enabled ? 'Disable' : 'Enable'}</button>
      </form>`
    : '';
  return html`<section id="flag-state" data-live>
  <p class="status">This flag is <strong class="state-text ${enabled ? 'on' : 'off'}" id="state-text">${enabled ? 'on' : 'off'}</strong>. ${toggle}</p>
  <dl class="facts">
    <dt>created</dt><dd><time datetime="${isoDate(item.meta.createdDate)}">${isoDate(item.meta.createdDate)}</time> (created_date ${item.meta.createdDate})</dd>
    <dt>conditions</dt><dd>${item.meta.conditions.length}</dd>
    <dt>bucketer</dt><dd id="bucketer-summary">${summarizeBucketer(item).summary}</dd>
  </dl>
</section>`;
}

function trySection(context: PageContext, view: FlagView): SafeHtml {
  const trial = view.trial;
  let outcome: SafeHtml = html``;
  if (trial?.error !== undefined) outcome = html`<p class="error" role="alert">${trial.error}</p>`;
  else if (trial?.explanation !== undefined) {
    const on = trial.explanation.enabled;
    outcome = html`<p class="outcome ${on ? 'on' : 'off'}" id="try-result"><strong>${on ? 'on' : 'off'}</strong>: ${(trial.description ?? '').replace(/^(on|off): /, '')}</p>`;
  }
  return html`<section id="try-it">
  <h2>Try it</h2>
  <form method="get" action="${flagPath(context.basePath, view.item.featureName)}" class="try">
    <label>Checks <input name="try" value="${trial?.input ?? ''}" placeholder="user_id=42, is_admin=true  or  {&quot;user_id&quot;: 42}" size="40"></label>
    <button type="submit">Evaluate</button>
  </form>
  ${outcome}
</section>`;
}

function clientDataSection(context: PageContext, item: FeatureFlagStoreItem): SafeHtml {
  const disabled = context.canWrite ? '' : html` disabled`;
  return html`<section id="client-data-editor" data-live data-editor>
  <h2>Client data</h2>
  <form method="post" action="${flagPath(context.basePath, item.featureName, 'client-data')}">
    ${csrfField(context)}
    <fieldset${disabled}>
      <textarea name="client_data" rows="6" cols="60" spellcheck="false" aria-label="client data as JSON">${JSON.stringify(item.clientData(), null, 2)}</textarea>
      <p class="hint">A JSON object. Its top-level keys replace the stored ones; keys not given are kept.</p>
      <button type="submit">Merge client data</button>
    </fieldset>
  </form>
</section>`;
}

function destroySection(context: PageContext, name: string): SafeHtml {
  if (!context.canWrite) return html``;
  return html`<section id="destroy">
  <h2>Destroy</h2>
  <form method="post" action="${flagPath(context.basePath, name, 'destroy')}">
    ${csrfField(context)}
    <label class="inline"><input type="checkbox" name="confirm" value="yes" required> I want to delete this flag</label>
    <button type="submit" class="danger">Destroy flag</button>
  </form>
</section>`;
}

export function renderFlagPage(context: PageContext, view: FlagView): string {
  const { item } = view;
  const body = html`
<p class="crumbs"><a href="${context.basePath}/">← all flags</a></p>
<h1 class="flag-name" id="flag-name">${item.featureName}</h1>
${notice(view.done)}${errorBox(view.error)}
${stateSection(context, item)}
${trySection(context, view)}
${conditionEditor(context, item.featureName, item.meta.conditions)}
${bucketerEditor(context, item.featureName, item.meta.bucketer.toJSON())}
${clientDataSection(context, item)}
<section id="flag-document" data-live>
  <h2>Stored document</h2>
  <pre class="document">${JSON.stringify(item.toJSON(), null, 2)}</pre>
</section>
${destroySection(context, item.featureName)}`;
  return layout(context, { title: item.featureName, body, kind: 'flag', flag: item.featureName });
}

/** A page for a failure: a missing flag, an unreachable store, a refused request. */
export function renderErrorPage(context: PageContext, title: string, lines: readonly string[], signInLink = false): string {
  const body = html`<p class="crumbs"><a href="${context.basePath}/">← all flags</a></p>
<h1>${title}</h1>
${lines.map((line) => html`<p class="error-detail">${line}</p>`)}
${signInLink ? html`<p><a class="button" id="sign-in-link" href="${context.basePath}/sign-in">Sign in with a token</a></p>` : ''}`;
  return layout(context, { title, body, kind: 'error' });
}
