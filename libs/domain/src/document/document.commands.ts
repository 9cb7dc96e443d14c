import type { Command } from '../shared/decider';
import type { DocumentDetails } from './document.events';

export type DocumentCommand = Command<'RegisterDocument', DocumentDetails>;
