import { ACCESS_EVENT_TYPES } from './access/access.events';
import { DOCUMENT_EVENT_TYPES } from './document/document.events';
import { INDICATOR_EVENT_TYPES } from './indicator/indicator.events';
import { NODE_EVENT_TYPES } from './node/node.events';
import { ORGANISATION_EVENT_TYPES } from './organisation/organisation.events';
import { RULE_SET_EVENT_TYPES } from './rule-set/rule-set.events';
import { EVALUATION_EVENT_TYPES } from './evaluation/evaluation.events';

// Stored event type names never change. A rename fails here, on purpose: add a new type instead
// and keep reading the old one.
describe('stored event type names', () => {
  it('are exactly these', () => {
    expect({
      organisation: ORGANISATION_EVENT_TYPES,
      document: DOCUMENT_EVENT_TYPES,
      node: NODE_EVENT_TYPES,
      indicator: INDICATOR_EVENT_TYPES,
      access: ACCESS_EVENT_TYPES,
      ruleSet: RULE_SET_EVENT_TYPES,
      evaluation: EVALUATION_EVENT_TYPES,
    }).toEqual({
      organisation: ['OrganisationRegistered', 'OrganisationDetailsChanged', 'DocumentSubmitted'],
      document: ['DocumentRegistered', 'DocumentBudgetStated'],
      node: ['NodeDefined', 'BudgetAllocated', 'BudgetStated'],
      indicator: [
        'IndicatorDefined',
        'BaselineSet',
        'TargetSet',
        'TargetRevised',
        'AgreementTargetSet',
        'RealisationReported',
        'RealisationCorrected',
        'IndicatorValueStated',
      ],
      access: ['ApiKeyIssued', 'ApiKeyRevoked'],
      ruleSet: ['RuleSetPublished'],
      evaluation: ['EvaluationRecorded', 'FindingsRecorded'],
    });
  });
});
