#!/usr/bin/env node
import { main } from './program.js';

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Every store was closed; should a driver still hold a handle, do not let it keep the shell waiting.
setTimeout(() => process.exit(code), 2000).unref();
