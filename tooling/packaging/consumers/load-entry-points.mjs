// An ES module consumer: imports every entry point of every published package.
import { report } from './consumer-report.cjs';

await report((specifier) => import(specifier));
