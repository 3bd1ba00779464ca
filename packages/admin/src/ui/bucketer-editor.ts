import type { StoredBucketer, StoredPercentage } from '@flipper-client/core';
import { html, type SafeHtml } from './html.js';
import { csrfField, flagPath, type PageContext } from './layout.js';

/** `datetime-local` without a zone: the page says the times are UTC, and reads them as UTC. */
export function toDateTimeLocal(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 16);
}

function percent(share: number): string {
  return String(Number((share * 100).toFixed(4)));
}

interface Fields {
  type: 'none' | 'percentage' | 'consistent_hash';
  ramp: boolean;
  percent: string;
  initialPercent: string;
  finalPercent: string;
  rampStart: string;
  rampEnd: string;
  keys: string;
}

function fieldsOf(stored: StoredBucketer): Fields {
  const now = Math.floor(Date.now() / 1000);
  const fields: Fields = {
    type: 'none',
    ramp: false,
    percent: '',
    initialPercent: '0',
    finalPercent: '100',
    rampStart: toDateTimeLocal(now),
    rampEnd: toDateTimeLocal(now + 86_400),
    keys: '',
  };
  if (stored.type === 'NoOpBucketer') return fields;
  fields.type = stored.type === 'PercentageBucketer' ? 'percentage' : 'consistent_hash';
  if (stored.type === 'ConsistentHashPercentageBucketer') fields.keys = stored.key_whitelist.join(', ');
  const share: StoredPercentage = stored.percentage;
  if (share.type === 'Percentage') fields.percent = percent(share.value);
  else {
    fields.ramp = true;
    fields.initialPercent = percent(share.initial_value);
    fields.finalPercent = percent(share.final_value);
    fields.rampStart = toDateTimeLocal(share.initial_time);
    fields.rampEnd = toDateTimeLocal(share.initial_time + share.ramp_duration);
  }
  return fields;
}

function radio(name: string, value: string, checked: boolean, label: string): SafeHtml {
  return html`<label class="inline"><input type="radio" name="${name}" value="${value}"${checked ? html` checked` : ''}> ${label}</label>`;
}

/**
 * The bucketer decides when no condition is in play: nobody bucketed (everyone in), a random
 * share, or a consistent share by hashing the whitelisted checks; the share is constant or a
 * linear ramp between two UTC times.
 */
export function bucketerEditor(context: PageContext, name: string, stored: StoredBucketer): SafeHtml {
  const f = fieldsOf(stored);
  const disabled = context.canWrite ? '' : html` disabled`;
  return html`<section id="bucketer-editor" data-live data-editor>
  <h2>Bucketer</h2>
  <form method="post" action="${flagPath(context.basePath, name, 'bucketer')}" class="bucketer">
    ${csrfField(context)}
    <fieldset${disabled}>
      <div class="choice">
        ${radio('type', 'none', f.type === 'none', 'none (everyone)')}
        ${radio('type', 'percentage', f.type === 'percentage', 'random percentage')}
        ${radio('type', 'consistent_hash', f.type === 'consistent_hash', 'consistent hash')}
      </div>
      <div class="choice">
        ${radio('share', 'constant', !f.ramp, 'constant')}
        ${radio('share', 'ramp', f.ramp, 'linear ramp')}
      </div>
      <label>Percentage <input name="percent" type="number" min="0" max="100" step="any" value="${f.percent}"> %</label>
      <div class="ramp">
        <label>Ramp from <input name="initial_percent" type="number" min="0" max="100" step="any" value="${f.initialPercent}"> %</label>
        <label>to <input name="final_percent" type="number" min="0" max="100" step="any" value="${f.finalPercent}"> %</label>
        <label>starting <input name="ramp_start" type="datetime-local" value="${f.rampStart}"> UTC</label>
        <label>ending <input name="ramp_end" type="datetime-local" value="${f.rampEnd}"> UTC</label>
      </div>
      <label>Hash keys (consistent hash; comma-separated, empty = every check) <input name="key_whitelist" value="${f.keys}" placeholder="user_id"></label>
      <button type="submit">Save bucketer</button>
    </fieldset>
  </form>
</section>`;
}
