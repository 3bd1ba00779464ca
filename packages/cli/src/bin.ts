#!/usr/bin/env node
import { main } from './program.js';

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Every store was closed and everything printed (stdout and stderr are synchronous for files,
// pipes and terminals on Linux). A driver may still hold a timer for a connection that never
// came (ioredis after a refused connect): it must not keep the shell waiting.
setTimeout(() => process.exit(code), 250).unref();
