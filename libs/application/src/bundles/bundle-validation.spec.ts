import { validateBundleShape, validateBundleShapeInSlices } from './bundle-validation';

const large = (count: number) => ({
  format: 'sakip-bundle/2',
  organisation: { id: 'dinsos-besar', name: 'Dinas Besar' },
  document: { kind: 'renstra', title: 'Renstra', period: { start: 2024, end: 2026 } },
  nodes: Array.from({ length: count }, (_, i) => ({ id: `K${i}`, level: 'kegiatan', name: `Kegiatan ${i}` })),
  indicators: Array.from({ length: count }, (_, i) => ({
    id: `K${i}-I1`,
    node: `K${i}`,
    name: `Indikator ${i}`,
  })),
});

describe('validating a large bundle in slices', () => {
  it('finds the same problems as validating it at once, with the same paths', async () => {
    const bundle = large(3000) as Record<string, any>;
    bundle['nodes'][2500].level = 'bab';
    delete bundle['indicators'][2999].name;
    bundle['indicators'][10].targets = { '25': 1 };
    bundle['document'].period.start = 'dua ribu';
    const sliced = await validateBundleShapeInSlices(bundle);
    const whole = validateBundleShape(bundle);
    if (sliced.ok || whole.ok) throw new Error('accepted');
    const sorted = (problems: readonly { path: string; en: string }[]) =>
      problems.map((p) => `${p.path}: ${p.en}`).sort();
    expect(sorted(sliced.problems)).toEqual(sorted(whole.problems));
    expect(sorted(sliced.problems)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^nodes\[2500\]\.level: must be one of/),
        'indicators[2999].name: is required',
        'document.period.start: must be an integer',
      ]),
    );
  });

  it('lets other work in while it validates', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const outcome = await validateBundleShapeInSlices(large(20_000));
    clearInterval(timer);
    expect(outcome.ok).toBe(true);
    expect(ticks).toBeGreaterThan(0);
  });
});
