import { isDomainError, type DomainError } from '@sakip/domain';
import { DataDirectoryInUseError, WrongExpectedVersionError } from '@sakip/event-store';
import { ReadModelNotReadyError } from '@sakip/read-models';
import {
  errors,
  isApplicationError,
  STATUS_OF_KIND,
  type ApplicationError,
  type Messages,
} from './catalogue';

/** An error as both front doors answer it: a stable code, a status, messages and details. */
export interface ErrorDescription {
  readonly status: number;
  readonly code: string;
  readonly messages: Messages;
  readonly details: Readonly<Record<string, unknown>>;
}

/** What was thrown, as its catalogue entry: the store's and read models' own errors included; anything else is INTERNAL_ERROR. */
export function catalogued(error: unknown): ApplicationError | DomainError {
  if (isApplicationError(error) || isDomainError(error)) return error;
  if (error instanceof WrongExpectedVersionError)
    return errors.staleVersion(error.streamId, error.expectedVersion, error.actualVersion);
  if (error instanceof ReadModelNotReadyError) return errors.readModelNotReady(error.readModel);
  if (error instanceof DataDirectoryInUseError) return errors.storeInUse(error.message);
  return errors.internal();
}

/** Described once for the HTTP API (Problem Details) and the CLI (its error line). */
export function describeError(error: unknown): ErrorDescription {
  const { code, kind, messages, details } = catalogued(error);
  return { status: STATUS_OF_KIND[kind], code, messages, details: { ...details } };
}
