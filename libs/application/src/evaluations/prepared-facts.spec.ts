import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { START } from '@sakip/event-store';
import {
  DEFAULT_SETTINGS,
  finishFactSets,
  foldOrganisation,
  parsePrepared,
  prepareFactSets,
  serialisePrepared,
  type BatchContext,
  type FactSet,
  type PreparedOrganisation,
} from '@sakip/rules';
import stringify from 'safe-stable-stringify';
import { BundleImporter } from '../bundles/bundle-import';
import { settingsFromEnv } from '../settings/settings';
import { importContext, loadFixture } from '../testing/fixtures';
import { openInfrastructure } from '../wiring/infrastructure';

/**
 * The digest of every fact set the fold gave before facts were split into a prepare step (pure function of
 * the organisation's events) and a finish step (what depends on the batch), recorded from that code.
 */
const GOLDEN = join(__dirname, '__fixtures__', 'karanganyar-fact-sets-before-split.json');

/** Batches that differ in every input a fact may depend on: year, date, tolerance, convention, deadlines. */
const BATCHES: Record<string, BatchContext> = {
  default: { evaluationYear: 2025, now: '2026-11-24', settings: DEFAULT_SETTINGS },
  later: {
    evaluationYear: 2026,
    now: '2026-11-30',
    settings: {
      ...DEFAULT_SETTINGS,
      achievementTolerance: 2,
      lowerIsBetter: DEFAULT_SETTINGS.lowerIsBetter === 'ratio' ? 'inverse-difference' : 'ratio',
      governments: {
        'Kabupaten Karanganyar': { lkjip: '03-31', dpaApproved: '11-30', quarterlyReportWorkingDays: 5 },
      },
    },
  },
  early: {
    evaluationYear: 2024,
    now: '2024-05-02',
    settings: { ...DEFAULT_SETTINGS, achievementTolerance: 0 },
  },
};

const digest = (set: FactSet) =>
  createHash('sha256')
    .update(
      stringify({
        key: set.key,
        scope: set.scope,
        subject: set.subject,
        facts: set.facts,
        eventIds: set.eventIds,
      }) ?? '',
    )
    .digest('hex')
    .slice(0, 16);

describe('prepared fact sets of the Karanganyar Renstra', () => {
  let prepared: PreparedOrganisation;
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, Record<string, string>>;
  const digests = (sets: FactSet[]) => Object.fromEntries(sets.map((s) => [s.key, digest(s)]));

  beforeAll(async () => {
    // Given the organisation's events
    const infra = await openInfrastructure(settingsFromEnv({ SAKIP_DATA_DIR: 'memory://' }));
    const bundle = loadFixture();
    await new BundleImporter(infra.store).import(bundle, importContext());
    const events = await infra.store.readAll({
      after: START,
      partitionKey: bundle.organisation.id,
      limit: 100_000,
    });
    await infra.close();
    // When they are prepared (once, without a batch)
    prepared = prepareFactSets(foldOrganisation(bundle.organisation.id, events));
  });

  it.each(Object.keys(BATCHES))('finished for the %s batch, equal the fold before the split', (name) => {
    expect(digests(finishFactSets(prepared, BATCHES[name]!))).toEqual(golden[name]);
  });

  it.each(Object.keys(BATCHES))('stored and finished for the %s batch, are the same', (name) => {
    // As the facts read model stores them (the compact layout), read back: what JSON of them would give
    const stored = parsePrepared(serialisePrepared(prepared));
    expect(stored).toEqual(JSON.parse(JSON.stringify(prepared)));
    expect(finishFactSets(stored, BATCHES[name]!)).toEqual(finishFactSets(prepared, BATCHES[name]!));
    expect(digests(finishFactSets(stored, BATCHES[name]!))).toEqual(golden[name]);
  });

  it('keep the periods after the evaluation year out of an earlier batch', () => {
    const periods = (year: number) =>
      finishFactSets(prepared, { ...BATCHES['default']!, evaluationYear: year }, ['review']).filter(
        (s) => s.scope === 'indicator-period',
      ).length;
    expect(periods(2024)).toBeGreaterThan(0);
    expect(periods(2024)).toBeLessThan(periods(2026));
  });
});
