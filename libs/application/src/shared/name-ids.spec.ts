import fc from 'fast-check';
import { v5 as uuidv5 } from 'uuid';
import { nameIds } from './name-ids';

const NAMESPACE = '5b0e1c7a-6f7e-4c55-9d8e-5a4b3c2d1e0f';

describe('nameIds', () => {
  it('gives the ids uuid v5 gives for the prefix and suffix joined (stored event ids depend on it)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (prefix, suffix) => {
        expect(nameIds(NAMESPACE, prefix)(suffix)).toBe(uuidv5(prefix + suffix, NAMESPACE));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps its prefix when many ids are taken from it', () => {
    const ids = nameIds(NAMESPACE, 'a1b2|dinsos-karanganyar:indicator:I1|');
    expect([ids('1'), ids('2'), ids('1')]).toEqual([
      uuidv5('a1b2|dinsos-karanganyar:indicator:I1|1', NAMESPACE),
      uuidv5('a1b2|dinsos-karanganyar:indicator:I1|2', NAMESPACE),
      uuidv5('a1b2|dinsos-karanganyar:indicator:I1|1', NAMESPACE),
    ]);
  });
});
