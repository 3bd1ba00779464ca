/**
 * The fixture tree of the `flipper refs` tests: TypeScript, JavaScript and Python sources that
 * name flags in every form the scanner knows, written to a temporary folder by the test (kept
 * here as text so that the type checker and linter never treat them as this package's code).
 */
export const REFS_FIXTURE: Readonly<Record<string, string>> = {
  "node_modules/dep/index.js": "// Installed packages are not scanned.\nfeatures.isEnabled('FROM_A_DEPENDENCY');\n",
  "service/app.py": "# Fixture for `flipper refs`: the Python library.\nfrom flipper import FeatureFlagClient, is_enabled\n\n\ndef handler(features: FeatureFlagClient) -> str:\n    if features.is_enabled('NEW_CHECKOUT'):\n        return \"new\"\n    if features.is_enabled(\"TYPO_CHECKOUT\", user_id=1):\n        return \"typo\"\n    return \"old\"\n\n\n@is_enabled(features.client, \"PY_DECORATED\")\ndef decorated() -> str:\n    return \"on\"\n",
  "src/checkout.ts": "// Fixture for `flipper refs`: TypeScript calls of every form the scanner knows.\nimport type { FeatureFlagClient } from '@flipper-client/core';\nimport { isEnabled } from '@flipper-client/core';\n\nexport async function checkout(features: FeatureFlagClient, userId: number): Promise<string> {\n  if (await features.isEnabled('NEW_CHECKOUT', { user_id: userId })) return 'new';\n  if (features.isEnabledSync(\"DARK_MODE\")) return 'dark';\n  if (await features.get('HANDLE_FLAG').isEnabled()) return 'handle';\n  return 'old';\n}\n\nexport const gated = isEnabled(features0(), 'WRAPPED_FLAG', { redirect: () => 'off' })(() => 'on');\n\ndeclare function features0(): FeatureFlagClient;\n// A name built at run time is not a literal: not reported.\nexport const dynamic = (features: FeatureFlagClient, name: string) => features.isEnabled(name);\n",
  "src/web/banner.jsx": "// Fixture for `flipper refs`: OpenFeature in a browser component.\nexport async function Banner({ client }) {\n  const show = await client.getBooleanValue(`SUMMER_BANNER`, false);\n  return show ? 'banner' : null;\n}\n",
};
