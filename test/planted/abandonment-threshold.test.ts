/** Planted: the silence threshold ignores 3·T (90 days flat). P-ABANDONMENT-GUARDS must catch it (MLL-ABN-002). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/deadlines.js'), async (original) => {
  const real = await original();
  return { ...real, abandonmentThreshold: () => 90n * 86_400n };
});

it('P-ABANDONMENT-GUARDS catches a claim before max(90 days, 3T) of silence (MLL-ABN-002)', async () => {
  await expectCaught('P-ABANDONMENT-GUARDS', 'MLL-ABN-002');
});
