import {
  indicatorDecider,
  organisationDecider,
  streamIds,
  type IndicatorCommand,
  type OrganisationCommand,
} from '@sakip/domain';
import type { EventStore } from '@sakip/event-store';
import type { ReadModels } from '@sakip/read-models';
import type { CommandPipeline, CommandResult } from '../pipeline/command-pipeline';
import { commandContext, type Caller } from '../shared/caller';
import type { Clock } from '../shared/clock';
import { checkScope } from '../shared/principal';
import { resolveIndicatorRef } from './indicator-ref';
import { withChangesSince } from './stale-changes';

type Without<C, K extends string> = C extends { type: infer T; data: infer D }
  ? { type: T; data: Omit<D, K> }
  : never;

/** An indicator command without its reference: the reference comes from the URL or the command line. */
export type IndicatorChange = Exclude<
  Without<IndicatorCommand, 'organisationId' | 'indicatorId'>,
  { type: 'DefineIndicator' }
>;
export type IndicatorChangeType = IndicatorChange['type'];
export type ChangeData<T extends IndicatorChangeType> = Extract<IndicatorChange, { type: T }>['data'];

export type SubmissionData = Omit<
  Extract<OrganisationCommand, { type: 'RecordSubmission' }>['data'],
  'organisationId'
>;

/** The version of the stream the caller saw (optional: without it, the command applies to the current state). */
export interface Versioned {
  readonly expectedVersion?: number;
}

/** Planner and operator commands, for the API and the CLI alike. */
export class PlannerCommands {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly readModels: ReadModels,
    private readonly clock: Clock,
    /** Where a stale expectedVersion finds what changed since (STALE_VERSION `changes`). */
    private readonly store?: EventStore,
  ) {}

  /** A change of an indicator ("<organisation>:<indicator>"): revise a target, set a PK target, report or correct a realisation. */
  async change<T extends IndicatorChangeType>(
    ref: string,
    type: T,
    input: ChangeData<T> & Versioned,
    caller: Caller,
  ): Promise<CommandResult> {
    const { organisationId, indicatorId } = await resolveIndicatorRef(ref, this.readModels);
    checkScope(caller.principal, organisationId);
    const { expectedVersion, ...data }: ChangeData<IndicatorChangeType> & Versioned = input;
    // Command `type` with its data and reference (TypeScript cannot pair a generic T with its union member).
    const command = { type, data: { ...data, organisationId, indicatorId } } as IndicatorCommand;
    const execute = () =>
      this.pipeline.execute(streamIds.indicator(organisationId, indicatorId), indicatorDecider, command, {
        ...commandContext(caller, this.clock, expectedVersion),
        partitionKey: organisationId,
      });
    return this.store ? withChangesSince(this.store, execute) : execute();
  }

  async recordSubmission(
    organisationId: string,
    input: SubmissionData & Versioned,
    caller: Caller,
  ): Promise<CommandResult> {
    checkScope(caller.principal, organisationId);
    const { expectedVersion, ...data } = input;
    return this.pipeline.execute(
      streamIds.organisation(organisationId),
      organisationDecider,
      { type: 'RecordSubmission', data: { ...data, organisationId } },
      { ...commandContext(caller, this.clock, expectedVersion), partitionKey: organisationId },
    );
  }
}
