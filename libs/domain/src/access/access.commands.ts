import type { Command } from '../shared/decider';
import type { ApiKeyIssuedData } from './access.events';

export type AccessCommand =
  | Command<'IssueApiKey', ApiKeyIssuedData>
  | Command<'RevokeApiKey', { readonly keyId: string; readonly reason?: string }>;
