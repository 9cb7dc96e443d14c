import { Inject } from '@nestjs/common';
import {
  Command,
  CommandHandler,
  Query,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import { changeContextOf, type RequestContext } from '../shared/request-context';
import { CLOCK } from '../shared/tokens';
import {
  type AsOf,
  type ChangeData,
  type Clock,
  type CommandResult,
  type IndicatorChange,
  type IndicatorChangeType,
  type IndicatorDetail,
  type IndicatorHistory,
  IndicatorQueries,
  PlannerCommands,
} from '@sakip/application';

export class ChangeIndicatorCommand<
  T extends IndicatorChangeType = IndicatorChangeType,
> extends Command<CommandResult> {
  constructor(
    readonly ref: string,
    readonly type: T,
    readonly body: ChangeData<T> & { readonly expectedVersion?: number },
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeIndicatorCommand)
export class ChangeIndicatorHandler implements ICommandHandler<ChangeIndicatorCommand> {
  constructor(
    @Inject(PlannerCommands) private readonly planner: PlannerCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ ref, type, body, context }: ChangeIndicatorCommand): Promise<CommandResult> {
    const { expectedVersion, ...data } = body;
    return this.planner.change(
      ref,
      { type, data } as IndicatorChange,
      changeContextOf(context, this.clock.now().toISOString(), expectedVersion),
    );
  }
}

const asOfOf = (asOf?: string, basis?: AsOf['basis']): AsOf | undefined =>
  asOf ? { date: asOf, basis: basis ?? 'recorded' } : undefined;

export class GetIndicatorQuery extends Query<IndicatorDetail> {
  constructor(
    readonly ref: string,
    readonly asOf?: string,
    readonly basis?: AsOf['basis'],
  ) {
    super();
  }
}

@QueryHandler(GetIndicatorQuery)
export class GetIndicatorHandler implements IQueryHandler<GetIndicatorQuery> {
  constructor(@Inject(IndicatorQueries) private readonly queries: IndicatorQueries) {}

  execute({ ref, asOf, basis }: GetIndicatorQuery): Promise<IndicatorDetail> {
    return this.queries.detail(ref, asOfOf(asOf, basis));
  }
}

export class GetIndicatorHistoryQuery extends Query<IndicatorHistory> {
  constructor(
    readonly ref: string,
    readonly asOf?: string,
    readonly basis?: AsOf['basis'],
  ) {
    super();
  }
}

@QueryHandler(GetIndicatorHistoryQuery)
export class GetIndicatorHistoryHandler implements IQueryHandler<GetIndicatorHistoryQuery> {
  constructor(@Inject(IndicatorQueries) private readonly queries: IndicatorQueries) {}

  execute({ ref, asOf, basis }: GetIndicatorHistoryQuery): Promise<IndicatorHistory> {
    return this.queries.history(ref, asOfOf(asOf, basis));
  }
}
