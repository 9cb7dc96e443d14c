import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

// Rules run on documents that are not in this repository: no rule file may name an id, code or name of
// the fixture (conditions, messages or examples), or it would be tuned to one document.
describe('rule files', () => {
  it('mention no id, code or name of the fixture', () => {
    const fixture = JSON.parse(
      readFileSync(join(ROOT, 'fixtures', 'karanganyar-renstra-2024-2026.json'), 'utf8'),
    ) as {
      organisation: { id: string; name: string; government?: string };
      nodes: { id: string; code?: string }[];
      indicators: { id: string }[];
    };
    const words = [
      fixture.organisation.id,
      fixture.organisation.name,
      ...(fixture.organisation.government ? [fixture.organisation.government] : []),
      ...fixture.nodes.flatMap((n) => [n.id, n.code ?? '']).filter((id) => id.length >= 5),
      ...fixture.indicators.map((i) => i.id).filter((id) => id.length >= 5),
    ];
    const files = readdirSync(join(ROOT, 'rules'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.rule.json'),
    );
    expect(files.length).toBeGreaterThan(30);
    const offending = files.flatMap((file) => {
      const text = readFileSync(join(ROOT, 'rules', file), 'utf8');
      return words
        .filter((w) => text.includes(`"${w}"`) || text.includes(` ${w} `))
        .map((w) => `${file}: ${w}`);
    });
    expect(offending).toEqual([]);
  });
});
