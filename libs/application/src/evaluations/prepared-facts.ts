import { START, type EventStore, type Position, type StoredEvent } from '@sakip/event-store';
import { preparedAsOf, type FactSetRow, type ReadModels } from '@sakip/read-models';
import {
  foldOrganisation,
  parsePrepared,
  prepareFactSets,
  PREPARED_FORMAT,
  serialisePrepared,
  type ModelEvent,
  type PreparedOrganisation,
} from '@sakip/rules';

const PAGE = 5000;
/** Organisations read from the facts read model per query (their prepared text is a few hundred kB each). */
const ROWS_PER_QUERY = 25;
/** Prepared organisations written per statement. */
const STORE_CHUNK = 20;

/** Where an organisation's prepared fact sets came from in a batch. */
export type PreparedSource = 'read-model' | 'fold';

export interface PreparedAsOf {
  readonly organisationId: string;
  /** Undefined: the organisation has no event up to the position (registered later). */
  readonly prepared: PreparedOrganisation | undefined;
  readonly source: PreparedSource;
}

/**
 * Milliseconds spent per phase (added up over organisations): wall time under the phase's name, the
 * process's CPU time (user + system, all its threads) under "cpu: " and the name.
 */
export type Phases = Record<string, number>;

/** When a phase started: wall clock and the process's CPU usage. */
export interface PhaseMark {
  readonly wall: number;
  readonly cpu: NodeJS.CpuUsage;
}

export const mark = (): PhaseMark => ({ wall: performance.now(), cpu: process.cpuUsage() });

export const addPhase = (phases: Phases | undefined, name: string, since: PhaseMark): void => {
  if (!phases) return;
  phases[name] = (phases[name] ?? 0) + (performance.now() - since.wall);
  const { user, system } = process.cpuUsage(since.cpu);
  phases[`cpu: ${name}`] = (phases[`cpu: ${name}`] ?? 0) + (user + system) / 1000;
};

/** An organisation's events (its partition) up to a position. */
export async function eventsOf(
  store: EventStore,
  organisationId: string,
  upTo: Position,
): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let after = START;
  for (;;) {
    const page = await store.readAll({ after, upTo, partitionKey: organisationId, limit: PAGE });
    events.push(...page);
    if (page.length < PAGE) return events;
    after = page[page.length - 1]!.position;
  }
}

/**
 * The prepared fact sets of organisations: kept in the facts read model (the projector moves each
 * organisation's position; `refresh` prepares the rows that are behind), and read as of a position.
 */
export class PreparedFacts {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
  ) {}

  /**
   * Prepares the stale rows (missing, another format, or behind their position) of these organisations
   * (all when left out) whose position is at most `upTo`: folds each one's events and stores the prepared
   * fact sets with the position they reflect. Returns how many were prepared.
   */
  async refresh(
    options: {
      upTo?: Position;
      organisations?: readonly string[];
      phases?: Phases;
      onProgress?: (done: number, total: number) => void;
      /** Only the organisations this says yes to (several preparers dividing the rows between them). */
      only?: (organisationId: string) => boolean;
    } = {},
  ): Promise<number> {
    const stale = (
      await this.readModels.facts.stale(PREPARED_FORMAT, {
        ...(options.upTo ? { upTo: options.upTo } : {}),
        ...(options.organisations ? { organisations: options.organisations } : {}),
      })
    ).filter((row) => !options.only || options.only(row.organisationId));
    let pending: { organisationId: string; prepared: string; format: number; position: Position }[] = [];
    let writing: Promise<void> = Promise.resolve();
    const read = (row: FactSetRow | undefined) =>
      row ? eventsOf(this.store, row.organisationId, row.position) : undefined;
    let next = read(stale[0]);
    for (const [index, row] of stale.entries()) {
      let since = mark();
      const events = await next!;
      addPhase(options.phases, 'prepare: read events', since);
      next = read(stale[index + 1]);
      next?.catch(() => undefined);
      since = mark();
      const prepared = serialisePrepared(prepareFactSets(foldOrganisation(row.organisationId, events)));
      addPhase(options.phases, 'prepare: fold and prepare', since);
      pending.push({
        organisationId: row.organisationId,
        prepared,
        format: PREPARED_FORMAT,
        position: row.position,
      });
      if (pending.length >= STORE_CHUNK || index === stale.length - 1) {
        const chunk = pending;
        pending = [];
        since = mark();
        await writing;
        writing = this.readModels.facts.store(chunk);
        addPhase(options.phases, 'prepare: store', since);
      }
      options.onProgress?.(index + 1, stale.length);
    }
    await writing;
    return stale.length;
  }

  /**
   * The prepared fact sets of each organisation as of `asOf`, in order: from the facts read model where
   * its row reflects the organisation as of `asOf`, else folded from the organisation's events up to
   * `asOf` (an organisation changed since, or a row not prepared yet). The next rows are read while the
   * caller works on the current organisation; one page of rows is in memory at a time.
   */
  async *asOf(
    organisations: readonly string[],
    asOf: Position,
    phases?: Phases,
  ): AsyncGenerator<PreparedAsOf> {
    const page = (start: number) =>
      start < organisations.length
        ? this.readModels.facts.rows(organisations.slice(start, start + ROWS_PER_QUERY))
        : undefined;
    let next = page(0);
    for (let start = 0; start < organisations.length; start += ROWS_PER_QUERY) {
      let since = mark();
      const rows = new Map((await next!).map((r) => [r.organisationId, r]));
      addPhase(phases, 'read prepared facts', since);
      next = page(start + ROWS_PER_QUERY);
      next?.catch(() => undefined);
      for (const organisationId of organisations.slice(start, start + ROWS_PER_QUERY)) {
        const row = rows.get(organisationId);
        const text = row ? preparedAsOf(row, asOf, PREPARED_FORMAT) : undefined;
        if (text !== undefined) {
          since = mark();
          const prepared = parsePrepared(text);
          addPhase(phases, 'parse prepared facts', since);
          yield { organisationId, prepared, source: 'read-model' };
          continue;
        }
        since = mark();
        const events = await eventsOf(this.store, organisationId, asOf);
        addPhase(phases, 'fold: read events', since);
        since = mark();
        const prepared =
          events.length === 0 ? undefined : prepareFactSets(foldOrganisation(organisationId, events));
        addPhase(phases, 'fold: fold and prepare', since);
        yield { organisationId, prepared, source: 'fold' };
      }
      rows.clear();
    }
  }

  /** Folds and prepares one organisation's events as given (e.g. only one document's). */
  static prepare(organisationId: string, events: readonly ModelEvent[]): PreparedOrganisation {
    return prepareFactSets(foldOrganisation(organisationId, events));
  }
}
