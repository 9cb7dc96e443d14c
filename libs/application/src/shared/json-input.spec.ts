import { checkJsonLimits, decodeUtf8, lineAndColumn, parseJsonInput } from './json-input';

const problemsOf = (text: string) => {
  const parsed = parseJsonInput(text);
  if (parsed.ok) throw new Error('expected problems');
  return parsed.problems;
};

describe('JSON input (both front doors)', () => {
  it('drops a UTF-8 byte order mark', () => {
    expect(parseJsonInput('\ufeff{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('names the line and column of a syntax error, not a byte offset', () => {
    const [problem] = problemsOf('{\n  "format": "sakip-bundle/2",\n  "nodes": [1, 2,]\n}');
    expect(problem).toMatchObject({ line: 3, column: 18 });
    expect(problem!.en).toMatch(/^line 3, column 18: not valid JSON/);
    expect(problem!.id).toMatch(/^baris 3, kolom 18: bukan JSON yang valid/);
    expect(problemsOf('   ')[0]!.en).toContain('empty');
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  it('refuses nesting deeper than the limit before parsing it, so no stack overflows', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const [problem] = problemsOf(deep);
    expect(problem).toMatchObject({ line: 1, column: 33 });
    expect(problem!.en).toContain('nested more than 32 levels deep');
    expect(parseJsonInput('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}').ok).toBe(true);
  });

  it('keeps the source text of numbers a double cannot hold, and plain numbers as numbers', () => {
    const parsed = parseJsonInput(
      '{"big": 12345678901234567890, "long": 0.12345678901234567891, "plain": 85.5, "year": 2025, "neg": -1e3}',
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        big: '12345678901234567890',
        long: '0.12345678901234567891',
        plain: 85.5,
        year: 2025,
        neg: -1000,
      },
    });
    expect(parseJsonInput('[9007199254740993]')).toEqual({ ok: true, value: ['9007199254740993'] });
  });

  it('refuses NUL characters, overlong strings and oversized arrays, naming the JSON path', () => {
    const nul = problemsOf('{"nodes": [{"id": "a"}, {"id": "S1\\u0000"}]}');
    expect(nul).toEqual([
      expect.objectContaining({ path: 'nodes[1].id', en: expect.stringContaining('NUL') }),
    ]);
    expect(problemsOf('{"a\\u0000b": 1}')[0]).toMatchObject({ path: 'a\u0000b' });
    // Found by the fuzz suite: a lone surrogate escape parses, and then no database stores it.
    expect(problemsOf('{"nodes": [{"name": "\\ud800"}]}')[0]).toMatchObject({
      path: 'nodes[0].name',
      en: expect.stringContaining('half of a UTF-16 surrogate pair'),
    });
    expect(parseJsonInput('{"a": "\\ud83d\\ude00 ok"}')).toEqual({ ok: true, value: { a: '😀 ok' } });
    const long = problemsOf(JSON.stringify({ organisation: { name: 'x'.repeat(1_000_000) } }));
    expect(long[0]).toMatchObject({
      path: 'organisation.name',
      en: 'is 1000000 characters long; at most 10000 are accepted',
    });
    expect(
      checkJsonLimits(
        { targets: { 2025: ['a', 'b', 'c'] } },
        {
          maxDepth: 5,
          maxStringLength: 10,
          maxItems: 2,
          maxProperties: 5,
        },
      ),
    ).toEqual([expect.objectContaining({ path: 'targets.2025', en: 'has 3 items; at most 2 are accepted' })]);
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(decodeUtf8(Buffer.from([0x7b, 0xff, 0x7d]))).toMatchObject({ ok: false });
    expect(decodeUtf8(Buffer.from('{"a":"é"}'))).toEqual({ ok: true, text: '{"a":"é"}' });
  });
});
