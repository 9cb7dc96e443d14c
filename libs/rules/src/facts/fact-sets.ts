import type { EvaluationKind, FactSet } from '../rule';
import { computeFacts } from './define';
import { organisationContext, type BatchContext } from './context';
import { DOCUMENT_FACTS } from './document.facts';
import { INDICATOR_PERIOD_FACTS, periodContext, periodsOf } from './indicator-period.facts';
import { indicatorContext, INDICATOR_FACTS } from './indicator.facts';
import type { OrganisationModel } from './model';
import { nodeContext, NODE_FACTS } from './node.facts';
import { ORGANISATION_FACTS } from './organisation.facts';

export type { BatchContext } from './context';

/**
 * The fact sets of one organisation for one evaluation year. `review`: what documents say (indicators,
 * their periods, nodes, documents); `compliance`: what the store holds or lacks for the year.
 */
export function buildFactSets(
  model: OrganisationModel,
  batch: BatchContext,
  kinds: readonly EvaluationKind[] = ['review', 'compliance'],
): FactSet[] {
  const org = organisationContext(model, batch);
  const sets: FactSet[] = [];
  if (kinds.includes('review')) {
    for (const node of model.nodes.values()) {
      const context = nodeContext(org, node);
      const def = node.definition;
      const document = org.documentOf(node.documentIds);
      sets.push({
        scope: 'node',
        key: `node:${def.nodeId}`,
        subject: org.subject({
          documentId: document?.documentId ?? null,
          documentTitle: document?.title ?? null,
          nodeId: def.nodeId,
          nodeCode: def.code ?? def.nodeId,
          nodeName: def.name,
        }),
        facts: computeFacts(NODE_FACTS.facts, context),
        eventIds: node.eventIds,
      });
    }
    for (const indicator of model.indicators.values()) {
      const context = indicatorContext(org, indicator);
      const def = indicator.definition;
      const node = context.node;
      const document = org.documentOf(indicator.documentIds) ?? org.documentOf(node?.documentIds ?? []);
      const subject = org.subject({
        documentId: document?.documentId ?? null,
        documentTitle: document?.title ?? null,
        nodeId: def.nodeId,
        nodeCode: node?.definition.code ?? def.nodeId,
        nodeName: node?.definition.name ?? null,
        indicatorId: def.indicatorId,
        indicatorName: def.name,
      });
      sets.push({
        scope: 'indicator',
        key: `indicator:${def.indicatorId}`,
        subject,
        facts: computeFacts(INDICATOR_FACTS.facts, context),
        eventIds: indicator.eventIds,
      });
      for (const { period, parsed } of periodsOf(indicator, batch.evaluationYear)) {
        const periodSet = periodContext(org, indicator, period, parsed);
        const target = indicator.targets.get(parsed.year);
        sets.push({
          scope: 'indicator-period',
          key: `indicator-period:${def.indicatorId}:${period}`,
          subject: { ...subject, period },
          facts: computeFacts(INDICATOR_PERIOD_FACTS.facts, periodSet),
          eventIds: [...(target ? [target.eventId] : []), ...(periodSet.realisation?.eventIds ?? [])],
        });
      }
    }
    for (const document of model.documents.values())
      sets.push({
        scope: 'document',
        key: `document:${document.documentId}`,
        subject: org.subject({ documentId: document.documentId, documentTitle: document.title }),
        facts: computeFacts(DOCUMENT_FACTS.facts, { org, document }),
        eventIds: [document.eventId],
      });
  }
  if (kinds.includes('compliance')) {
    const year = batch.evaluationYear;
    sets.push({
      scope: 'organisation',
      key: `organisation:${model.organisationId}:${year}`,
      subject: org.subject({ period: String(year) }),
      facts: computeFacts(ORGANISATION_FACTS.facts, { org, year }),
      eventIds: [
        ...model.eventIds,
        ...model.submissions.filter((s) => s.year === year).map((s) => s.eventId),
      ],
    });
  }
  return sets;
}
