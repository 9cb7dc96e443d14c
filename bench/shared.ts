import { START, type EventStore, type Position } from '@sakip/event-store';
import { DEFAULT_SETTINGS, buildFactSets, foldOrganisation, type FactSet } from '@sakip/rules';
import { GENERATED_EVALUATION } from '@sakip/application';

export const BENCH_DATABASE_URL =
  process.env['BENCH_DATABASE_URL'] ??
  process.env['DATABASE_URL'] ??
  'postgres://postgres@127.0.0.1:5432/test';

export async function eventsOf(store: EventStore, organisationId: string, upTo?: Position) {
  const events = [];
  let after = START;
  for (;;) {
    const page = await store.readAll({
      after,
      partitionKey: organisationId,
      limit: 5000,
      ...(upTo ? { upTo } : {}),
    });
    events.push(...page);
    if (page.length < 5000) return events;
    after = page[page.length - 1]!.position;
  }
}

export async function factSetsOf(store: EventStore, organisationId: string): Promise<FactSet[]> {
  return buildFactSets(foldOrganisation(organisationId, await eventsOf(store, organisationId)), {
    evaluationYear: GENERATED_EVALUATION.year,
    now: GENERATED_EVALUATION.now,
    settings: DEFAULT_SETTINGS,
  });
}

export const seconds = (ms: number) => Math.round(ms) / 1000;
export const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000);
