import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '@sakip/rules';
import { packageRoot } from './package-root';
import { settingsFromEnv } from './settings';

const root = packageRoot();
const ACHIEVEMENT_EXAMPLE = join(root, 'docs', 'examples', 'achievement.json');
const dir = mkdtempSync(join(tmpdir(), 'sakip-settings-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};

describe('settings', () => {
  it('has defaults for everything', () => {
    const settings = settingsFromEnv({});
    expect(settings).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      maxBundleBytes: 50 * 1024 * 1024,
      failedKeysPerMinute: 20,
      language: 'en',
      inProcessProjector: true,
      projectorBatchSize: 2000,
      debug: false,
      schema: 'sakip',
    });
    expect(settings.kafka).toBeUndefined();
    expect(settings.evaluation.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps the lower-is-better convention in one home: the rules take it from the achievement configuration', () => {
    const settings = settingsFromEnv({ SAKIP_ACHIEVEMENT_CONFIG: ACHIEVEMENT_EXAMPLE });
    expect(settings.achievement.settings.lowerIsBetter).toBe('ratio');
    expect(settings.evaluation.settings.lowerIsBetter).toBe('ratio');
    const withEvaluation = settingsFromEnv({
      SAKIP_ACHIEVEMENT_CONFIG: ACHIEVEMENT_EXAMPLE,
      SAKIP_EVALUATION_CONFIG: file('evaluation.json', { achievementTolerance: 2 }),
    });
    expect(withEvaluation.evaluation.settings).toMatchObject({
      achievementTolerance: 2,
      lowerIsBetter: 'ratio',
    });
  });

  it('refuses the convention in the evaluation file, where it could disagree with the API', () => {
    expect(() =>
      settingsFromEnv({ SAKIP_EVALUATION_CONFIG: file('both.json', { lowerIsBetter: 'ratio' }) }),
    ).toThrow(/"lowerIsBetter" belongs in the achievement configuration \(SAKIP_ACHIEVEMENT_CONFIG\)/);
  });

  it('refuses values it cannot use, naming the variable', () => {
    expect(() => settingsFromEnv({ PORT: 'eighty' })).toThrow('PORT must be a port number, not "eighty"');
    expect(() => settingsFromEnv({ SAKIP_MAX_BUNDLE_MB: 'lots' })).toThrow(/^SAKIP_MAX_BUNDLE_MB must be/);
    expect(settingsFromEnv({ SAKIP_MAX_BUNDLE_MB: '0.5', HOST: '0.0.0.0' })).toMatchObject({
      maxBundleBytes: 524288,
      host: '0.0.0.0',
    });
    expect(() => settingsFromEnv({ SAKIP_PROJECTOR_BATCH: '0' })).toThrow(
      'SAKIP_PROJECTOR_BATCH must be a positive integer, not "0"',
    );
    expect(settingsFromEnv({ KAFKA_BROKERS: 'a:9092, b:9092' }).kafka).toEqual({
      brokers: ['a:9092', 'b:9092'],
      topic: 'sakip-events',
    });
  });

  it('are documented: the README names every environment variable the code reads', () => {
    const files = (path: string): string[] =>
      statSync(path).isDirectory()
        ? readdirSync(path)
            .filter((name) => name !== 'node_modules' && name !== 'dist')
            .flatMap((name) => files(join(path, name)))
        : /\.(ts|js)$/.test(path)
          ? [path]
          : [];
    const read = new Set<string>();
    for (const source of ['apps', 'libs', 'bench', 'test', 'jest.global-setup.js'].flatMap((p) =>
      files(join(root, p)),
    ))
      for (const match of readFileSync(source, 'utf8').matchAll(/env(?:\[['"]|\.)([A-Z][A-Z0-9_]+)/g))
        read.add(match[1]!);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect([...read].filter((name) => !readme.includes(`\`${name}\``)).sort()).toEqual([]);
    expect(read.size).toBeGreaterThan(10);
  });
});
