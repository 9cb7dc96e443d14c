import { Inject } from '@nestjs/common';
import {
  Command,
  CommandHandler,
  Query,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import { DomainError } from '@sakip/domain';
import { RuleSet, validateRule, type Finding, type RuleFile } from '@sakip/rules';
import {
  actorOf,
  type BatchRecord,
  checkRule,
  type Clock,
  type CommandResult,
  DEFAULT_RULES_DIR,
  Evaluator,
  findingsCsv,
  findingsWorkbook,
  type Infrastructure,
  type OrganisationSummary,
  type RuleCheck,
  RuleSets,
  type StoredRuleSet,
} from '@sakip/application';
import type { RequestContext } from '../shared/request-context';
import { CLOCK, INFRASTRUCTURE } from '../shared/tokens';
import type { DryRunDto, EvaluateDto, FindingsQueryDto } from './evaluations.dto';

/** The evaluation services of one process, built from its infrastructure. */
abstract class EvaluationHandler {
  protected readonly evaluator: Evaluator;
  protected readonly ruleSets: RuleSets;

  constructor(
    @Inject(INFRASTRUCTURE) protected readonly infra: Infrastructure,
    @Inject(CLOCK) protected readonly clock: Clock,
  ) {
    this.evaluator = new Evaluator(infra.store, infra.readModels, infra.projector);
    this.ruleSets = new RuleSets(infra.store);
  }

  protected commandContext(context: RequestContext) {
    return {
      actor: actorOf(context.principal),
      now: this.clock.now().toISOString(),
      correlationId: context.correlationId,
    };
  }

  /** The latest published rule set; the first time, the rules shipped in ./rules become version 1. */
  protected async currentRuleSet(context: RequestContext): Promise<StoredRuleSet> {
    return (
      (await this.ruleSets.current()) ??
      this.ruleSets.fromDirectory(DEFAULT_RULES_DIR, this.commandContext(context))
    );
  }

  protected request(dto: EvaluateDto) {
    return {
      year: dto.year,
      now: dto.now ?? this.clock.now().toISOString().slice(0, 10),
      settings: this.infra.evaluation.settings,
      lke: this.infra.evaluation.lke,
      ...(dto.organisations && dto.organisations.length > 0 ? { organisations: dto.organisations } : {}),
      ...(dto.kinds && dto.kinds.length > 0 ? { kinds: dto.kinds } : {}),
      ...(dto.document ? { document: dto.document } : {}),
    };
  }
}

export interface BatchView {
  readonly batch: BatchRecord;
}

export class RunEvaluationCommand extends Command<BatchView> {
  constructor(
    readonly dto: EvaluateDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RunEvaluationCommand)
export class RunEvaluationHandler extends EvaluationHandler implements ICommandHandler<RunEvaluationCommand> {
  async execute({ dto, context }: RunEvaluationCommand): Promise<BatchView> {
    const ruleSet = await this.currentRuleSet(context);
    const { batch } = await this.evaluator.run(ruleSet, this.request(dto), this.commandContext(context));
    return { batch };
  }
}

export class GetEvaluationQuery extends Query<BatchView> {
  constructor(readonly batchId: string) {
    super();
  }
}

@QueryHandler(GetEvaluationQuery)
export class GetEvaluationHandler extends EvaluationHandler implements IQueryHandler<GetEvaluationQuery> {
  async execute({ batchId }: GetEvaluationQuery): Promise<BatchView> {
    return { batch: (await this.evaluator.batch(batchId)).batch };
  }
}

export type FindingsAnswer =
  | { readonly kind: 'json'; readonly total: number; readonly findings: readonly Finding[] }
  | { readonly kind: 'file'; readonly contentType: string; readonly filename: string; readonly body: Buffer };

export class GetFindingsQuery extends Query<FindingsAnswer> {
  constructor(
    readonly batchId: string,
    readonly filters: FindingsQueryDto,
  ) {
    super();
  }
}

@QueryHandler(GetFindingsQuery)
export class GetFindingsHandler extends EvaluationHandler implements IQueryHandler<GetFindingsQuery> {
  async execute({ batchId, filters }: GetFindingsQuery): Promise<FindingsAnswer> {
    const { batch, findings } = await this.evaluator.batch(batchId);
    const selected = findings.filter(
      (f) =>
        (!filters.organisation || f.subject.organisationId === filters.organisation) &&
        (!filters.severity || f.severity === filters.severity) &&
        (!filters.category || f.category === filters.category) &&
        (!filters.rule || f.ruleId === filters.rule),
    );
    const name = `temuan-${batch.year}-${batchId.slice(0, 8)}`;
    if (filters.format === 'csv')
      return {
        kind: 'file',
        contentType: 'text/csv; charset=utf-8',
        filename: `${name}.csv`,
        body: Buffer.from(findingsCsv(selected)),
      };
    if (filters.format === 'xlsx') {
      const summaries = (batch.summary as { organisations: OrganisationSummary[] }).organisations;
      return {
        kind: 'file',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        filename: `${name}.xlsx`,
        body: await findingsWorkbook(batch, selected, summaries),
      };
    }
    const offset = filters.offset ?? 0;
    return {
      kind: 'json',
      total: selected.length,
      findings: selected.slice(offset, offset + (filters.limit ?? 1000)),
    };
  }
}

export class GetRulesQuery extends Query<StoredRuleSet | null> {}

@QueryHandler(GetRulesQuery)
export class GetRulesHandler extends EvaluationHandler implements IQueryHandler<GetRulesQuery> {
  async execute(): Promise<StoredRuleSet | null> {
    return (await this.ruleSets.current()) ?? null;
  }
}

export class ValidateRuleQuery extends Query<RuleCheck> {
  constructor(readonly rule: unknown) {
    super();
  }
}

@QueryHandler(ValidateRuleQuery)
export class ValidateRuleHandler implements IQueryHandler<ValidateRuleQuery> {
  execute({ rule }: ValidateRuleQuery): Promise<RuleCheck> {
    return checkRule(rule);
  }
}

export interface DryRunAnswer {
  readonly check: RuleCheck;
  readonly asOf: string;
  readonly total: number;
  readonly findings: readonly Finding[];
}

/** Runs a draft rule against the stored data; nothing is stored. */
export class DryRunRuleQuery extends Query<DryRunAnswer> {
  constructor(readonly dto: DryRunDto) {
    super();
  }
}

@QueryHandler(DryRunRuleQuery)
export class DryRunRuleHandler extends EvaluationHandler implements IQueryHandler<DryRunRuleQuery> {
  async execute({ dto }: DryRunRuleQuery): Promise<DryRunAnswer> {
    const problems = validateRule(dto.rule);
    if (problems.length > 0)
      throw new DomainError(
        'RULE_INVALID',
        {
          id: 'Aturan tidak valid; perbaiki dulu sebelum uji coba.',
          en: 'The rule is not valid; fix it before a dry run.',
        },
        'rule',
        { problems },
      );
    const check = await checkRule(dto.rule);
    const asOf = await this.infra.store.headPosition();
    const request = this.request(dto);
    const organisations = await this.evaluator.organisations(request.organisations);
    const { findings } = await this.evaluator.evaluate(
      new RuleSet([dto.rule as unknown as RuleFile]),
      organisations,
      asOf,
      request,
    );
    return {
      check,
      asOf: `${asOf.commit}:${asOf.sequence}`,
      total: findings.length,
      findings: findings.slice(0, 1000),
    };
  }
}

export class PublishRuleCommand extends Command<CommandResult> {
  constructor(
    readonly rule: unknown,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(PublishRuleCommand)
export class PublishRuleHandler extends EvaluationHandler implements ICommandHandler<PublishRuleCommand> {
  async execute({ rule, context }: PublishRuleCommand): Promise<CommandResult> {
    await this.currentRuleSet(context);
    return this.ruleSets.publish(rule, this.commandContext(context));
  }
}

export class RetireRuleCommand extends Command<CommandResult> {
  constructor(
    readonly ruleId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RetireRuleCommand)
export class RetireRuleHandler extends EvaluationHandler implements ICommandHandler<RetireRuleCommand> {
  async execute({ ruleId, context }: RetireRuleCommand): Promise<CommandResult> {
    await this.currentRuleSet(context);
    return this.ruleSets.retire(ruleId, this.commandContext(context));
  }
}

export const EVALUATION_HANDLERS = [
  RunEvaluationHandler,
  GetEvaluationHandler,
  GetFindingsHandler,
  GetRulesHandler,
  ValidateRuleHandler,
  DryRunRuleHandler,
  PublishRuleHandler,
  RetireRuleHandler,
];
