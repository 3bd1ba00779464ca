import { STORE_URL_FORMS } from './store-url.js';

export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}

/** The section every command that opens a store shows under its help: the --store option points at it. */
export const STORE_URLS_HELP = `
Store URLs (--store, or the FLIPPER_STORE environment variable):
${STORE_URL_FORMS.map((form) => `  ${form}`).join('\n')}
  S3 takes region, credentials and endpoint from the AWS SDK's usual environment (AWS_REGION,
  AWS_ACCESS_KEY_ID, AWS_PROFILE, AWS_ENDPOINT_URL_S3...); Consul its token from CONSUL_HTTP_TOKEN.
`;

export const GENERAL_HELP = `${STORE_URLS_HELP}
Values in key=value (conditions, checks, client data):
  true, false, null        the JSON literals
  42, -1.5, 1e3            numbers
  '["NL","BE"]', '{"a":1}'  JSON lists and objects (quote them for the shell)
  '"42"'                   a JSON string: the way to pass text that looks like a number
  anything else            the text as written: plan=gold, name="Ada Lovelace"

Exit codes:
  0  ok
  1  a flag-level error: a missing flag, a corrupt stored document, a bad document in an
     import file, a failed verification
  2  bad usage: arguments, options, the store URL, key=value, an operator, a percentage;
     a store package that is not installed
  3  the store cannot be reached or failed
Messages go to stderr; --json output to stdout.
${examples([
  'flipper create NEW_CHECKOUT --store file:flags.json',
  'export FLIPPER_STORE=file:flags.json',
  'flipper condition add NEW_CHECKOUT is_admin=true',
  'flipper bucketer set NEW_CHECKOUT --percentage 25% --consistent user_id',
  'flipper enable NEW_CHECKOUT',
  'flipper eval NEW_CHECKOUT user_id=42',
  'flipper list',
  'flipper copy --from file:flags.json --to redis://127.0.0.1:6379',
])}`;
