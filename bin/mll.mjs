#!/usr/bin/env node
// The `mll` command: the kit ships its TypeScript sources and runs them through tsx (a runtime
// dependency), the same way in a clone and in an installed package; see README "The kit".
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/mll.ts');
process.exitCode = await main(process.argv.slice(2));
