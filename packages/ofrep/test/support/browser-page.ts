// The page of the browser test, bundled by esbuild with the published web SDK and OFREP web
// provider: what a front end writes. It reports through `window` so that the test can read it.
import { OFREPWebProvider } from '@openfeature/ofrep-web-provider';
import { OpenFeature, ProviderEvents, type EvaluationContext } from '@openfeature/web-sdk';

interface PageApi {
  start(baseUrl: string, key: string, context: EvaluationContext, flags: string[]): Promise<void>;
  setContext(context: EvaluationContext): Promise<void>;
  values(): Record<string, { value: boolean; reason?: string; variant?: string; errorCode?: string }>;
  changes: number;
}

const page: PageApi = {
  changes: 0,
  async start(baseUrl, key, context, flags) {
    names = flags;
    await OpenFeature.setContext(context);
    OpenFeature.addHandler(ProviderEvents.ConfigurationChanged, () => {
      page.changes++;
      render();
    });
    await OpenFeature.setProviderAndWait(new OFREPWebProvider({ baseUrl, headers: [['Authorization', `Bearer ${key}`]], cacheMode: 'disabled' }));
    render();
  },
  async setContext(context) {
    await OpenFeature.setContext(context);
    render();
  },
  values() {
    const client = OpenFeature.getClient();
    return Object.fromEntries(
      names.map((name) => {
        const details = client.getBooleanDetails(name, false);
        return [name, { value: details.value, reason: details.reason, variant: details.variant, errorCode: details.errorCode }];
      }),
    );
  },
};
let names: string[] = [];

/** The page's globals, typed here: this package compiles without the DOM library. */
const browser = globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } };

function render(): void {
  const out = browser.document.getElementById('flags');
  if (out !== null) out.textContent = JSON.stringify(page.values());
}

(globalThis as unknown as { flipperPage: PageApi }).flipperPage = page;
