#!/usr/bin/env node
// solc's command line, as much of it as forge uses, over solc-js (the package.json's pinned
// version): `--version`, and `--standard-json` reading the input from stdin. No native solc
// exists on our machines and forge cannot download one offline: `forge build --use` this file.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const solc = createRequire(import.meta.url)('solc');
const args = process.argv.slice(2);
if (args.includes('--version')) {
  // forge reads the version from the line `Version: X.Y.Z+commit…`
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
} else if (args.includes('--standard-json')) {
  // forge puts every source in the input, so no import callback is needed
  process.stdout.write(solc.compile(readFileSync(0, 'utf8')));
} else {
  process.stderr.write(`solc-js.mjs: only --version and --standard-json are supported, got ${args.join(' ')}\n`);
  process.exit(2);
}
