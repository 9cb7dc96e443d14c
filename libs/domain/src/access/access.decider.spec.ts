import { deciderSpec } from '../testing/decider-spec';
import { accessDecider } from './access.decider';
import type { AccessEvent } from './access.events';

const spec = deciderSpec(accessDecider);
const planner = {
  keyId: 'k1',
  secretHash: 'h',
  role: 'planner' as const,
  organisations: ['dinsos-karanganyar'],
  label: 'Perencana Dinsos',
};
const issued: AccessEvent = { type: 'ApiKeyIssued', data: planner };

describe('access decider', () => {
  it('issues a planner key scoped to organisations', () => {
    spec.given([]).when({ type: 'IssueApiKey', data: planner }).then([issued]);
  });
  it('refuses a planner key without organisations', () => {
    spec
      .given([])
      .when({ type: 'IssueApiKey', data: { ...planner, organisations: [] } })
      .thenFails('PLANNER_NEEDS_ORGANISATION');
  });
  it('refuses organisations on a non-planner key', () => {
    spec
      .given([])
      .when({ type: 'IssueApiKey', data: { ...planner, role: 'viewer' } })
      .thenFails('ONLY_PLANNERS_ARE_SCOPED');
  });
  it('refuses an unknown role and a reused key id', () => {
    spec
      .given([])
      .when({ type: 'IssueApiKey', data: { ...planner, role: 'root' as never } })
      .thenFails('ROLE_UNKNOWN');
    spec.given([issued]).when({ type: 'IssueApiKey', data: planner }).thenFails('API_KEY_EXISTS');
  });
  it('revokes a key once', () => {
    spec
      .given([issued])
      .when({ type: 'RevokeApiKey', data: { keyId: 'k1' } })
      .then([{ type: 'ApiKeyRevoked', data: { keyId: 'k1' } }]);
    spec
      .given([issued, { type: 'ApiKeyRevoked', data: { keyId: 'k1' } }])
      .when({ type: 'RevokeApiKey', data: { keyId: 'k1' } })
      .thenNothingHappens();
    spec
      .given([])
      .when({ type: 'RevokeApiKey', data: { keyId: 'k9' } })
      .thenFails('API_KEY_UNKNOWN');
  });
});
