import {
  comparePositions,
  type EventStore,
  type Position,
  type SqlExecutor,
  type StoredEvent,
} from '@sakip/event-store';
import { BUILD_COLUMNS, toBuild, type Build, type ReadModelCatalog } from './catalog';
import { OperationMerger } from './operations';
import type { Projection, TableSpec } from './projection';
import { createIndexesSql, createTableSql, writeMerged } from './sql-writer';

export interface RunnerProgress {
  /** Events read so far by the slowest build in this run. */
  readonly eventsRead: number;
  readonly position: Position;
  readonly building: readonly string[];
}

export interface RunnerOptions {
  readonly batchSize?: number;
  /** Events per batch while a build is filled from event 0 (rebuild, new version); default 5 × batchSize. */
  readonly buildBatchSize?: number;
  /**
   * A build filled from event 0 writes its first batch at once (one COPY into its empty tables, and the
   * registry shows it under way), then keeps its rows in memory across batches and writes them (with its
   * checkpoint) every this many events read; default 10 × buildBatchSize. Also when caught up, and when
   * `buildFlushRows` rows are held. A crash loses what is held: the build resumes from its checkpoint.
   */
  readonly buildFlushEvents?: number;
  /** Rows a build filled from event 0 holds in memory at most before it writes them; default 200 000. */
  readonly buildFlushRows?: number;
  readonly pollIntervalMs?: number;
  /** How long the tables of a replaced build stay for queries that already resolved them. */
  readonly retireGraceMs?: number;
  readonly onProgress?: (progress: RunnerProgress) => void;
  readonly onError?: (error: unknown) => void;
  readonly onActivated?: (build: Build) => void;
}

class CheckpointMoved extends Error {}

/** Rows of a build filled from event 0, merged in memory since its checkpoint `base`, not written yet. */
interface Held {
  /** The checkpoint in the registry when the rows began to be held. */
  readonly base: Position;
  /** Where the held rows leave the build. */
  position: Position;
  readonly merger: OperationMerger;
  /** Events read and events applied since `base`. */
  read: number;
  handled: number;
  /** No row was ever written (the checkpoint was at the start): the first write fills empty tables. */
  readonly empty: boolean;
}

const key = (p: Position) => `${p.commit}:${p.sequence}`;

/**
 * Keeps read models up to date: a catch-up subscription per group of builds that share a checkpoint,
 * writing rows and checkpoint in one transaction. Builds of a new projection version (or a rebuild) fill
 * new tables from event 0 and become active when they have caught up; queries read the old build until then.
 * Several runners may run at once: a batch whose checkpoint another runner moved is rolled back.
 */
export class ProjectorRunner {
  private readonly byName: Map<string, Projection>;
  private readonly specs = new Map<string, Map<string, TableSpec>>();
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly waiters = new Set<() => void>();
  private eventsRead = new Map<number, number>();
  /** Where the last batch left the slowest build (events read in this process since start or rebuild). */
  progress: RunnerProgress | undefined;
  /** Set by a store notification that arrived while a batch was running: look again before sleeping. */
  private pending = false;
  /** Reads of the next batch started while the current one was written, by the position they read after. */
  private prefetched = new Map<string, Promise<StoredEvent[]>>();
  /** Rows held in memory per build (builds filled from event 0), by build id. */
  private held = new Map<number, Held>();
  private readonly handles = new Map<string, ReadonlySet<string>>();

  constructor(
    readonly catalog: ReadModelCatalog,
    private readonly store: EventStore,
    readonly projections: readonly Projection[],
    private readonly options: RunnerOptions = {},
  ) {
    this.byName = new Map(projections.map((p) => [p.name, p]));
    for (const p of projections) {
      this.specs.set(p.name, new Map(p.tables.map((t) => [t.name, t])));
      this.handles.set(p.name, new Set(p.handles));
    }
  }

  private batchSizeOf(group: readonly Build[]): number {
    const live = this.options.batchSize ?? 2000;
    return group.some((b) => b.status === 'building') ? (this.options.buildBatchSize ?? live * 5) : live;
  }

  /**
   * The batch after `from`: the read started while the previous batch was written when there is one, so
   * reading the log and writing the read models overlap (PostgreSQL serves them on two connections).
   */
  private read(prefetched: ReadonlyMap<string, Promise<StoredEvent[]>>, from: Position, limit: number) {
    return prefetched.get(`${key(from)}/${limit}`) ?? this.store.readAll({ after: from, limit });
  }

  private prefetch(after: Position, limit: number): void {
    const next = this.store.readAll({ after, limit });
    next.catch(() => undefined); // a failed read is reported when the batch is taken, or never needed
    this.prefetched.set(`${key(after)}/${limit}`, next);
  }

  /** Registry and tables; a build for every projection whose code version has none yet. */
  async initialise(): Promise<void> {
    // An existing store usually has every table already: one catalogue read replaces the DDL of every build.
    const existing = await this.catalog.existingTables();
    await this.catalog.initialise(existing);
    const builds = await this.catalog.builds();
    for (const projection of this.projections) {
      const mine = builds.filter((b) => b.projection === projection.name);
      for (const stale of mine.filter((b) => b.status === 'building' && b.version !== projection.version))
        await this.retire(stale);
      const current = mine.filter((b) => b.version === projection.version && b.status !== 'retired');
      if (current.length === 0) await this.createBuild(projection);
      else
        for (const build of current)
          if (!this.hasTables(existing, projection, build))
            await this.createTables(projection, build.buildId, { indexes: build.status === 'active' });
    }
    await this.dropRetired();
    this.catalog.invalidate();
  }

  /** Starts new builds of these projections (all by default) from event 0; they switch over when caught up. */
  async rebuild(names: readonly string[] = this.projections.map((p) => p.name)): Promise<void> {
    const builds = await this.catalog.builds();
    for (const name of names) {
      const projection = this.byName.get(name);
      if (!projection)
        throw new Error(`unknown read model "${name}" (known: ${[...this.byName.keys()].join(', ')})`);
      for (const building of builds.filter((b) => b.projection === name && b.status === 'building'))
        await this.retire(building);
      await this.createBuild(projection);
    }
    this.eventsRead = new Map();
    this.held = new Map();
  }

  /** Processes until every build has read everything there is. */
  async catchUp(): Promise<void> {
    while (await this.runOnce()) {
      // keep going
    }
  }

  /** Runs in the background: catches up, then follows new events until stop(). */
  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.loop = this.follow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Resolves when every active build has processed `position`; false on timeout. */
  async waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.reached(position)) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, 100));
        this.waiters.add(done);
      });
    }
  }

  async reached(position: Position): Promise<boolean> {
    const builds = (await this.catalog.builds()).filter((b) => this.isCurrent(b));
    const readable = new Map<string, Build>();
    for (const b of builds)
      if (b.status === 'active' || !readable.has(b.projection)) readable.set(b.projection, b);
    return this.projections.every((p) => {
      const build = readable.get(p.name);
      return build !== undefined && comparePositions(build.checkpoint, position) >= 0;
    });
  }

  /**
   * One batch for every group of builds; true when there was something to do. Active builds write their
   * rows and checkpoint per batch; builds filled from event 0 write their first batch, then hold rows in
   * memory and write every `buildFlushEvents` events, at `buildFlushRows` rows, and when caught up.
   */
  async runOnce(): Promise<boolean> {
    const builds = (await this.catalog.builds()).filter((b) => this.isCurrent(b));
    const known = new Set(builds.map((b) => b.buildId));
    for (const [id, pending] of this.held) {
      const build = builds.find((b) => b.buildId === id);
      // Another runner moved the build on (or it was retired): what is held here is stale.
      if (!known.has(id) || !build || comparePositions(build.checkpoint, pending.base) !== 0)
        this.held.delete(id);
    }
    const groups = new Map<string, Build[]>();
    for (const build of builds) {
      const at = key(this.held.get(build.buildId)?.position ?? build.checkpoint);
      groups.set(at, [...(groups.get(at) ?? []), build]);
    }
    let worked = false;
    const prefetched = this.prefetched;
    this.prefetched = new Map();
    for (const group of groups.values()) {
      const from = this.held.get(group[0]!.buildId)?.position ?? group[0]!.checkpoint;
      const limit = this.batchSizeOf(group);
      const events = await this.read(prefetched, from, limit);
      if (events.length === limit) this.prefetch(events[events.length - 1]!.position, limit);
      const live = group.filter((b) => b.status !== 'building');
      const filling = group.filter((b) => b.status === 'building');
      if (events.length > 0) {
        worked = true;
        if (live.length > 0) {
          try {
            await this.catalog.db.transaction((tx) => this.process(tx, live, events));
            for (const build of live) this.countRead(build, events.length);
          } catch (error) {
            if (!(error instanceof CheckpointMoved)) throw error;
          }
        }
        for (const build of filling) this.hold(build, events);
      }
      const caughtUp = events.length < limit;
      const flush = filling.filter((b) => {
        const pending = this.held.get(b.buildId);
        return (
          pending !== undefined &&
          (caughtUp ||
            pending.empty ||
            pending.read >= (this.options.buildFlushEvents ?? limit * 10) ||
            pending.merger.size >= (this.options.buildFlushRows ?? 200_000))
        );
      });
      const moved = await Promise.all(flush.map((build) => this.flush(build)));
      if (caughtUp) for (const build of filling) if (!moved[flush.indexOf(build)]) await this.activate(build);
    }
    this.notify(builds);
    return worked;
  }

  private countRead(build: Build, events: number): void {
    this.eventsRead.set(build.buildId, (this.eventsRead.get(build.buildId) ?? 0) + events);
  }

  /** Applies a batch to the rows a build filled from event 0 holds in memory. */
  private hold(build: Build, events: readonly StoredEvent[]): void {
    let pending = this.held.get(build.buildId);
    if (!pending) {
      pending = {
        base: build.checkpoint,
        position: build.checkpoint,
        merger: new OperationMerger(this.specs.get(build.projection)!),
        read: 0,
        handled: 0,
        empty: build.checkpoint.commit === 0n && build.checkpoint.sequence === 0n,
      };
      this.held.set(build.buildId, pending);
    }
    const projection = this.byName.get(build.projection)!;
    const handles = this.handles.get(build.projection)!;
    for (const event of events)
      if (handles.has(event.type)) {
        pending.handled++;
        pending.merger.add(projection.apply(event));
      }
    pending.read += events.length;
    pending.position = events[events.length - 1]!.position;
    this.countRead(build, events.length);
  }

  /**
   * Writes the rows a build holds and moves its checkpoint, in one transaction of its own (builds are
   * written at once on separate connections). Rows held for a checkpoint another runner moved are dropped:
   * then true.
   */
  private async flush(build: Build): Promise<boolean> {
    const pending = this.held.get(build.buildId);
    if (!pending) return false;
    this.held.delete(build.buildId);
    const projection = this.byName.get(build.projection)!;
    try {
      await this.catalog.db.transaction(async (tx) => {
        await this.lock(tx, [{ ...build, checkpoint: pending.base }]);
        const operations = pending.merger.take();
        if (operations.length > 0)
          await writeMerged(
            tx,
            operations,
            this.specs.get(projection.name)!,
            this.catalog.tableNames(projection, build.buildId),
            { empty: pending.empty },
          );
        await this.moveCheckpoint(tx, build, pending.position, pending.handled);
      });
      return false;
    } catch (error) {
      if (error instanceof CheckpointMoved) return true;
      throw error;
    }
  }

  private isCurrent(build: Build): boolean {
    return this.byName.get(build.projection)?.version === build.version;
  }

  private notify(builds: readonly Build[]): void {
    for (const waiter of [...this.waiters]) waiter();
    const slowest = builds.reduce<Build | undefined>(
      (min, b) => (!min || comparePositions(b.checkpoint, min.checkpoint) < 0 ? b : min),
      undefined,
    );
    this.progress = {
      eventsRead: slowest ? (this.eventsRead.get(slowest.buildId) ?? 0) : 0,
      position: slowest?.checkpoint ?? { commit: 0n, sequence: 0n },
      building: builds.filter((b) => b.status === 'building').map((b) => b.projection),
    };
    this.options.onProgress?.(this.progress);
  }

  /** Locks the builds' registry rows; CheckpointMoved when one is no longer where `group` says. */
  private async lock(tx: SqlExecutor, group: readonly Build[]): Promise<void> {
    // Read models are derived from the log: a batch lost in a crash of the server is applied again from the
    // checkpoint committed with the rows, so on PostgreSQL the commit need not wait for the disk. PGlite is
    // the process itself, with no WAL writer to flush later: there every commit is flushed as it happens.
    if (this.catalog.db.kind === 'postgres') await tx.query(`SET LOCAL synchronous_commit TO OFF`);
    const locked = (
      await tx.query<Parameters<typeof toBuild>[0]>(
        `SELECT ${BUILD_COLUMNS} FROM ${this.catalog.buildsTable} WHERE build_id = ANY($1::int[]) FOR UPDATE`,
        [group.map((b) => b.buildId)],
      )
    ).map(toBuild);
    for (const build of group) {
      const now = locked.find((b) => b.buildId === build.buildId);
      if (!now || now.status === 'retired' || comparePositions(now.checkpoint, build.checkpoint) !== 0)
        throw new CheckpointMoved();
    }
  }

  private async moveCheckpoint(tx: SqlExecutor, build: Build, to: Position, handled: number) {
    await tx.query(
      `UPDATE ${this.catalog.buildsTable} SET checkpoint_commit = $2, checkpoint_sequence = $3, events_applied = events_applied + $4 WHERE build_id = $1`,
      [build.buildId, to.commit.toString(), to.sequence.toString(), handled],
    );
  }

  private async process(
    tx: SqlExecutor,
    group: readonly Build[],
    events: readonly StoredEvent[],
  ): Promise<void> {
    await this.lock(tx, group);
    const last = events[events.length - 1]!.position;
    for (const build of group) {
      const projection = this.byName.get(build.projection)!;
      const handles = this.handles.get(projection.name)!;
      const merger = new OperationMerger(this.specs.get(projection.name)!);
      let handled = 0;
      for (const event of events)
        if (handles.has(event.type)) {
          handled++;
          merger.add(projection.apply(event));
        }
      if (merger.size > 0)
        await writeMerged(
          tx,
          merger.take(),
          this.specs.get(projection.name)!,
          this.catalog.tableNames(projection, build.buildId),
        );
      await this.moveCheckpoint(tx, build, last, handled);
    }
  }

  private async createBuild(projection: Projection): Promise<number> {
    const [row] = await this.catalog.db.query<{ build_id: number }>(
      `INSERT INTO ${this.catalog.buildsTable} (projection, version, status) VALUES ($1, $2, 'building') RETURNING build_id`,
      [projection.name, projection.version],
    );
    const buildId = Number(row!.build_id);
    await this.createTables(projection, buildId, { indexes: false });
    return buildId;
  }

  /**
   * Whether the build's tables exist with their secondary indexes (a build still filling from event 0 gets
   * its indexes when it is activated, so it needs none yet).
   */
  private hasTables(existing: ReadonlyMap<string, number>, projection: Projection, build: Build): boolean {
    return projection.tables.every((t) => {
      const indexes = existing.get(this.catalog.relationName(projection.name, t.name, build.buildId));
      return indexes !== undefined && (build.status !== 'active' || indexes >= (t.indexes?.length ?? 0));
    });
  }

  private async createTables(
    projection: Projection,
    buildId: number,
    options: { indexes?: boolean } = {},
  ): Promise<void> {
    const names = this.catalog.tableNames(projection, buildId);
    await this.catalog.db.exec(
      projection.tables.map((t) => createTableSql(names.get(t.name)!, t, options)).join('\n'),
    );
  }

  private async activate(build: Build): Promise<void> {
    const projection = this.byName.get(build.projection)!;
    const names = this.catalog.tableNames(projection, build.buildId);
    await this.catalog.db.exec(
      projection.tables.map((t) => createIndexesSql(names.get(t.name)!, t)).join('\n'),
    );
    await this.catalog.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE ${this.catalog.buildsTable} SET status = 'retired', retired_at = now() WHERE projection = $1 AND status = 'active'`,
        [build.projection],
      );
      await tx.query(
        `UPDATE ${this.catalog.buildsTable} SET status = 'active', activated_at = now() WHERE build_id = $1 AND status = 'building'`,
        [build.buildId],
      );
    });
    this.catalog.invalidate();
    this.options.onActivated?.({ ...build, status: 'active' });
    await this.dropRetired();
  }

  private async retire(build: Build): Promise<void> {
    await this.catalog.db.query(
      `UPDATE ${this.catalog.buildsTable} SET status = 'retired', retired_at = now() WHERE build_id = $1`,
      [build.buildId],
    );
  }

  /** Drops the tables of builds replaced longer ago than the grace period. */
  private async dropRetired(): Promise<void> {
    const grace = Math.round((this.options.retireGraceMs ?? 60_000) / 1000);
    const retired = await this.catalog.db.query<{ build_id: number; projection: string }>(
      `SELECT build_id, projection FROM ${this.catalog.buildsTable} WHERE status = 'retired' AND retired_at <= now() - make_interval(secs => $1)`,
      [grace],
    );
    for (const row of retired) {
      const projection = this.byName.get(row.projection);
      const tables = projection
        ? projection.tables.map((t) => this.catalog.tableName(projection.name, t.name, Number(row.build_id)))
        : [];
      await this.catalog.db.transaction(async (tx) => {
        for (const table of tables) await tx.query(`DROP TABLE IF EXISTS ${table}`);
        await tx.query(`DELETE FROM ${this.catalog.buildsTable} WHERE build_id = $1`, [row.build_id]);
      });
    }
  }

  private async follow(): Promise<void> {
    const unwatch = await this.store.watch(() => {
      this.pending = true;
      this.wake?.();
    });
    let failures = 0;
    try {
      while (!this.stopped) {
        let worked = false;
        try {
          worked = await this.runOnce();
          failures = 0;
        } catch (error) {
          failures++;
          this.options.onError?.(error);
        }
        if (worked || this.stopped) continue;
        if (this.pending && failures === 0) {
          this.pending = false;
          continue;
        }
        const pause =
          failures > 0 ? Math.min(30_000, 500 * 2 ** failures) : (this.options.pollIntervalMs ?? 500);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pause);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
        this.pending = false;
      }
    } finally {
      await unwatch?.();
    }
  }
}
