#!/usr/bin/env node
// 科转通 command line: `npx kzt <command>`; the commands are TypeScript, run through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/kzt.ts');
process.exitCode = await main(process.argv.slice(2));
