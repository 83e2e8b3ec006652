/** The differential suite, shard 0 of SHARDS (MLL-CONF-001 … MLL-CONF-003). */
import { it } from 'vitest';
import { SHARDS, runShard } from './shard.js';

it(`P-DIFFERENTIAL on the bundled contract, shard 0 of ${SHARDS}`, async () => {
  await runShard(0);
}, 1_800_000);
