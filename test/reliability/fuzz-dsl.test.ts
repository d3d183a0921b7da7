/** The npm-test slice of the fuzz run for the journey language and file readers (the full run is `npm run fuzz`). */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { dslTargets } from './fuzz/dsl-targets.ts';

const targets = await dslTargets();

describe('fuzz slice: language and readers', () => {
  for (const target of targets) {
    it(`${target.name} never throws and always explains`, async () => {
      await fc.assert(target.property(), { numRuns: 100 * target.weight });
    });
  }
});
