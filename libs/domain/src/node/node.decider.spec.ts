import { deciderSpec } from '../testing/decider-spec';
import { nodeDecider } from './node.decider';
import type { NodeEvent } from './node.events';

const spec = deciderSpec(nodeDecider);
const ref = { organisationId: 'dinsos-karanganyar', nodeId: '1.06.05.2.02' };
const definition = {
  ...ref,
  level: 'kegiatan' as const,
  name: 'Pengelolaan Data Fakir Miskin',
  code: '1.06.05.2.02',
  parent: '1.06.05',
};
const defined: NodeEvent = { type: 'NodeDefined', data: { ...definition, documentId: 'renstra' } };
const budget2024: NodeEvent = {
  type: 'BudgetAllocated',
  data: { ...ref, year: 2024, amount: '4.550.000.000', documentId: 'renstra' },
};

describe('node decider', () => {
  it('defines a node from a document', () => {
    spec.given([]).when({ type: 'DefineNode', data: defined.data }).then([defined]);
  });
  it('does nothing when the same document defines it again the same way', () => {
    spec.given([defined]).when({ type: 'DefineNode', data: defined.data }).thenNothingHappens();
  });
  it('refuses a node that is its own parent', () => {
    spec
      .given([])
      .when({ type: 'DefineNode', data: { ...defined.data, parent: ref.nodeId } })
      .thenFails('NODE_CANNOT_BE_ITS_OWN_PARENT');
  });
  it('allocates a budget, recording the previous amount when it changes', () => {
    spec.given([defined]).when({ type: 'AllocateBudget', data: budget2024.data }).then([budget2024]);
    spec
      .given([defined, budget2024])
      .when({ type: 'AllocateBudget', data: { ...budget2024.data, amount: 4550000000 } })
      .thenNothingHappens();
    spec
      .given([defined, budget2024])
      .when({
        type: 'AllocateBudget',
        data: { ...ref, year: 2024, amount: '4.600.000.000', documentId: 'renja-2024' },
      })
      .then([
        {
          type: 'BudgetAllocated',
          data: {
            ...ref,
            year: 2024,
            amount: '4.600.000.000',
            documentId: 'renja-2024',
            previousAmount: '4.550.000.000',
          },
        },
      ]);
  });
  it('refuses a budget for an unknown node', () => {
    spec.given([]).when({ type: 'AllocateBudget', data: budget2024.data }).thenFails('UNKNOWN_NODE');
  });
  describe('StateBudget (bundle format 2)', () => {
    const total = {
      ...ref,
      documentId: 'renstra',
      kind: 'pagu' as const,
      total: true,
      amount: '13.500.000.000',
      source: { table: 'Tabel 6.1' },
    };
    const stated: NodeEvent = { type: 'BudgetStated', data: total };
    it('keeps an end-of-period total beside the yearly pagu', () => {
      spec.given([defined, budget2024]).when({ type: 'StateBudget', data: total }).then([stated]);
    });
    it('keeps money spent apart from pagu', () => {
      const spent = {
        ...total,
        kind: 'realisation' as const,
        total: undefined,
        year: 2024,
        amount: '4.100.000',
      };
      spec
        .given([defined, stated])
        .when({ type: 'StateBudget', data: spent })
        .then([{ type: 'BudgetStated', data: spent }]);
    });
    it('does nothing when the same cell is imported again', () => {
      spec.given([defined, stated]).when({ type: 'StateBudget', data: total }).thenNothingHappens();
    });
    it('refuses a budget of an unknown node', () => {
      spec.given([]).when({ type: 'StateBudget', data: total }).thenFails('UNKNOWN_NODE');
    });
  });
});
