// `pnpm sync-manifests`: brings every published package's package.json and LICENSE in line (see
// packaging-drift.ts). Run it after adding a package under packages/ or an entry point.
import { packagingDrift } from './packaging-drift.js';

const changed = packagingDrift(undefined, true);
process.stdout.write(changed.length === 0 ? 'every published package is in line\n' : `updated:\n${changed.map((line) => `  ${line}`).join('\n')}\n`);
