import { randomUUID } from 'node:crypto';
import {
  documentDecider,
  indicatorDecider,
  nodeDecider,
  organisationDecider,
  streamIds,
  type Command,
  type Decider,
  type DomainEvent,
  type EventMetadata,
} from '@sakip/domain';
import type { EventStore, StreamWrite } from '@sakip/event-store';

export interface ScenarioSize {
  readonly organisations: number;
  readonly indicatorsPerOrganisation: number;
  readonly years?: readonly number[];
}

const metadata = (organisationId: string): EventMetadata => ({
  actor: { id: 'scenario', kind: 'system' },
  recordedAt: '2026-01-01T00:00:00.000Z',
  correlationId: `scenario-${organisationId}`,
  provenance: { documentId: 'renstra', table: 'Tabel 6.1', row: 1 },
});

/**
 * Writes a plan per organisation through the real deciders — tree, indicators, targets, a revision,
 * PK targets, realisations, a correction, budgets, a submission — one append per organisation.
 * Returns how many events were written.
 */
export async function writeScenario(
  store: EventStore,
  size: ScenarioSize,
  prefix = `org-${randomUUID().slice(0, 8)}`,
): Promise<number> {
  const years = size.years ?? [2024, 2025, 2026];
  let total = 0;
  for (let o = 0; o < size.organisations; o++) {
    const org = `${prefix}-${o}`;
    const streams = new Map<string, DomainEvent[]>();
    const states = new Map<string, unknown>();
    const run = <S, C extends Command, E extends DomainEvent>(
      streamId: string,
      decider: Decider<S, C, E>,
      command: C,
    ) => {
      const state = (states.get(streamId) as S | undefined) ?? decider.initialState();
      const events = decider.decide(command, state);
      states.set(streamId, events.reduce(decider.evolve, state));
      streams.set(streamId, [...(streams.get(streamId) ?? []), ...events]);
    };
    const ref = { organisationId: org };
    run(streamIds.organisation(org), organisationDecider, {
      type: 'RegisterOrganisation',
      data: { ...ref, name: `Dinas ${o}`, government: 'Kabupaten Contoh' },
    });
    run(streamIds.document(org, 'renstra'), documentDecider, {
      type: 'RegisterDocument',
      data: {
        ...ref,
        documentId: 'renstra',
        kind: 'renstra',
        title: `Renstra Dinas ${o}`,
        period: { start: years[0]!, end: years[years.length - 1]! },
        contentHash: `h-${org}`,
      },
    });
    run(streamIds.node(org, 'T1'), nodeDecider, {
      type: 'DefineNode',
      data: { ...ref, nodeId: 'T1', documentId: 'renstra', level: 'tujuan', name: 'Tujuan' },
    });
    run(streamIds.node(org, 'S1'), nodeDecider, {
      type: 'DefineNode',
      data: { ...ref, nodeId: 'S1', documentId: 'renstra', level: 'sasaran', name: 'Sasaran', parent: 'T1' },
    });
    for (const year of years)
      run(streamIds.node(org, 'S1'), nodeDecider, {
        type: 'AllocateBudget',
        data: { ...ref, nodeId: 'S1', year, amount: `${year - 2000}.000.000`, documentId: 'renstra' },
      });
    for (let i = 0; i < size.indicatorsPerOrganisation; i++) {
      const indicatorId = `S1-I${i + 1}`;
      const stream = streamIds.indicator(org, indicatorId);
      const ind = { ...ref, indicatorId };
      run(stream, indicatorDecider, {
        type: 'DefineIndicator',
        data: {
          ...ind,
          documentId: 'renstra',
          nodeId: 'S1',
          name: `Indikator ${i + 1}`,
          unit: '%',
          polarity: i % 5 === 0 ? 'lower-is-better' : 'higher-is-better',
        },
      });
      run(stream, indicatorDecider, {
        type: 'SetBaseline',
        data: { ...ind, year: years[0]! - 1, value: '60', documentId: 'renstra' },
      });
      years.forEach((year, y) =>
        run(stream, indicatorDecider, {
          type: 'SetTargetFromDocument',
          data: { ...ind, year, value: `${70 + y},5`, document: { id: 'renstra', title: 'Renstra' } },
        }),
      );
      if (i % 3 === 0) {
        run(stream, indicatorDecider, {
          type: 'ReviseTarget',
          data: {
            ...ind,
            year: years[1]!,
            value: '80',
            reason: 'Penyesuaian',
            legalBasis: 'Perbup 1/2025',
            effectiveOn: '2025-02-01',
          },
        });
      }
      run(stream, indicatorDecider, {
        type: 'SetAgreementTarget',
        data: { ...ind, year: years[0]!, value: '70,5', signedOn: `${years[0]}-01-31` },
      });
      run(stream, indicatorDecider, {
        type: 'ReportRealisation',
        data: { ...ind, period: String(years[0]), value: `${65 + (i % 10)}`, reportedAchievement: '95' },
      });
      run(stream, indicatorDecider, {
        type: 'ReportRealisation',
        data: { ...ind, period: `${years[1]}-Q1`, value: '20' },
      });
      if (i % 4 === 0)
        run(stream, indicatorDecider, {
          type: 'CorrectRealisation',
          data: { ...ind, period: String(years[0]), value: '71', reason: 'salah ketik' },
        });
    }
    run(streamIds.organisation(org), organisationDecider, {
      type: 'RecordSubmission',
      data: { ...ref, kind: 'lkjip', year: years[0]!, submittedOn: `${years[0]! + 1}-02-27` },
    });
    const writes: StreamWrite[] = [...streams.entries()].map(([streamId, events]) => ({
      streamId,
      partitionKey: org,
      expectedVersion: 0,
      events: events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: metadata(org) as unknown as Record<string, unknown>,
      })),
    }));
    total += (await store.appendMany(writes)).written;
  }
  return total;
}
