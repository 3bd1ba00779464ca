import { CONDITION_OPERATORS, type Condition } from '@flipper-client/core';
import { html, type SafeHtml } from './html.js';
import { csrfField, flagPath, type PageContext } from './layout.js';
import { valueToText } from './value-text.js';

const OPERATOR_LABELS: readonly [string, string][] = [
  ['eq', '='],
  ...CONDITION_OPERATORS.map((operator): [string, string] => [operator, operator]),
];

interface Row {
  readonly variable: string;
  readonly operator: string;
  readonly value: string;
}

function operatorSelect(selected: string): SafeHtml {
  const options = OPERATOR_LABELS.map(
    ([value, label]) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`,
  );
  return html`<select name="row_operator" aria-label="operator">${options}</select>`;
}

function rowHtml(group: number, row: Row): SafeHtml {
  return html`<div class="check-row">
    <input type="hidden" name="row_condition" value="${group}">
    <input name="row_variable" value="${row.variable}" placeholder="variable" aria-label="variable">
    ${operatorSelect(row.operator)}
    <input name="row_value" value="${row.value}" placeholder="value (JSON or text)" aria-label="value">
  </div>`;
}

const BLANK: Row = { variable: '', operator: 'eq', value: '' };

function groupHtml(group: number, rows: readonly Row[], legend: string): SafeHtml {
  return html`<fieldset class="condition" data-condition="${group}">
    <legend>${legend}</legend>
    ${rows.map((row) => rowHtml(group, row))}
    <button type="button" class="add-check" data-condition="${group}" hidden>+ check</button>
  </fieldset>`;
}

/**
 * One form for all conditions: a fieldset per condition, a row per check (variable, operator,
 * value). Saving replaces the flag's conditions with what the form holds; a row whose variable
 * is cleared is dropped, and so is a condition left without rows.
 */
export function conditionEditor(context: PageContext, name: string, conditions: readonly Condition[]): SafeHtml {
  const groups = conditions.map((condition, index) =>
    groupHtml(
      index,
      condition.checks.map((check) => ({ variable: check.variable, operator: check.operator ?? 'eq', value: valueToText(check.value) })),
      `condition ${index + 1} (all must hold)`,
    ),
  );
  const fresh = groupHtml(conditions.length, [BLANK, BLANK], 'new condition');
  const disabled = context.canWrite ? '' : html` disabled`;
  return html`<section id="conditions-editor" data-live data-editor>
  <h2>Conditions</h2>
  <p class="hint">When a check names a variable that a condition constrains, the conditions decide: every condition in play must hold. Values are JSON (<code>18</code>, <code>true</code>, <code>["a","b"]</code>) or plain text.</p>
  <form method="post" action="${flagPath(context.basePath, name, 'conditions')}" class="conditions">
    ${csrfField(context)}
    <fieldset class="groups"${disabled}>
      ${groups}
      ${fresh}
      <template id="check-row-template">${rowHtml(-1, BLANK)}</template>
      <button type="submit">Save conditions</button>
    </fieldset>
  </form>
</section>`;
}
