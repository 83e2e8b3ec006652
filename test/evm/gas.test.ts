/**
 * The gas snapshot holds: re-measured the same way (same seed, same steps), no function's
 * median or max may exceed gas/snapshot.json. A deliberate change is accepted with `npm run gas`.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { GasSnapshot } from '../../gas/measure.js';
import { measureGas } from '../../gas/measure.js';

it('no function costs more gas than the committed snapshot', async () => {
  const committed = JSON.parse(readFileSync(new URL('../../gas/snapshot.json', import.meta.url), 'utf8')) as GasSnapshot;
  const measured = await measureGas();
  const grown = Object.entries(measured.functions).flatMap(([fn, now]) => {
    const then = committed.functions[fn];
    if (then === undefined) return [`${fn}: not in the snapshot`];
    return [
      ...(now.median > then.median ? [`${fn}: median ${then.median} → ${now.median}`] : []),
      ...(now.max > then.max ? [`${fn}: max ${then.max} → ${now.max}`] : []),
    ];
  });
  expect(grown, 'gas grew; if intended, run npm run gas').toEqual([]);
}, 600_000);
