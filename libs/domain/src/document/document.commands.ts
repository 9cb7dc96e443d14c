import type { Command } from '../shared/decider';
import type { BudgetStatement } from '../node/node.events';
import type { DocumentDetails } from './document.events';

export type DocumentCommand =
  Command<'RegisterDocument', DocumentDetails> | Command<'StateDocumentBudget', BudgetStatement>;
