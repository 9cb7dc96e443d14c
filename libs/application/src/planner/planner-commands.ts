import {
  indicatorDecider,
  organisationDecider,
  streamIds,
  type Actor,
  type IndicatorCommand,
  type OrganisationCommand,
} from '@sakip/domain';
import type { EventStore } from '@sakip/event-store';
import type { ReadModels } from '@sakip/read-models';
import { CommandPipeline, type CommandResult } from '../pipeline/command-pipeline';
import { mayWriteFor, organisationOutOfScope, type Principal } from '../shared/principal';
import { resolveIndicatorRef } from './indicator-ref';

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

/** Who asks, and the request facts every command carries. */
export interface ChangeContext {
  readonly actor: Actor;
  /** When given, the command may only touch organisations in the principal's scope. */
  readonly principal?: Principal;
  readonly now: string;
  readonly correlationId: string;
  readonly expectedVersion?: number;
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
}

/** Planner and operator commands, for the API and the CLI alike. */
export class PlannerCommands {
  private readonly pipeline: CommandPipeline;

  constructor(
    store: EventStore,
    private readonly readModels: ReadModels,
  ) {
    this.pipeline = new CommandPipeline(store);
  }

  async change(ref: string, change: IndicatorChange, context: ChangeContext): Promise<CommandResult> {
    const { organisationId, indicatorId } = await resolveIndicatorRef(ref, this.readModels);
    this.checkScope(organisationId, context.principal);
    const command = {
      type: change.type,
      data: { ...change.data, organisationId, indicatorId },
    } as IndicatorCommand;
    return this.pipeline.execute(
      streamIds.indicator(organisationId, indicatorId),
      indicatorDecider,
      command,
      {
        ...context,
        partitionKey: organisationId,
      },
    );
  }

  async recordSubmission(
    organisationId: string,
    data: SubmissionData,
    context: ChangeContext,
  ): Promise<CommandResult> {
    this.checkScope(organisationId, context.principal);
    return this.pipeline.execute(
      streamIds.organisation(organisationId),
      organisationDecider,
      { type: 'RecordSubmission', data: { ...data, organisationId } },
      { ...context, partitionKey: organisationId },
    );
  }

  private checkScope(organisationId: string, principal: Principal | undefined): void {
    if (principal && !mayWriteFor(principal, organisationId)) throw organisationOutOfScope(organisationId);
  }
}
