import { isDomainError, type DomainErrorKind } from '@sakip/domain';
import { DataDirectoryInUseError, WrongExpectedVersionError } from '@sakip/event-store';
import { ReadModelNotReadyError } from '@sakip/read-models';

export interface Messages {
  readonly id: string;
  readonly en: string;
}

/** An error as both front doors answer it: a stable code, a status, messages and details. */
export interface ErrorDescription {
  readonly status: number;
  readonly code: string;
  readonly messages: Messages;
  readonly details: Readonly<Record<string, unknown>>;
}

/** The HTTP status of each kind of error (the CLI reads < 500 as "the user's problem"). */
export const STATUS_OF_KIND: Readonly<Record<DomainErrorKind, number>> = {
  conflict: 409,
  rule: 422,
  'not-found': 404,
  forbidden: 403,
};

/** What the application throws, described once for the HTTP API and the CLI; anything else is a 500. */
export function describeError(error: unknown): ErrorDescription {
  if (isDomainError(error))
    return {
      status: STATUS_OF_KIND[error.kind],
      code: error.code,
      messages: error.messages,
      details: { ...error.details },
    };
  if (error instanceof WrongExpectedVersionError)
    return {
      status: 409,
      code: 'STALE_VERSION',
      messages: {
        id: `Data sudah diubah orang lain: versi sekarang ${error.actualVersion}, bukan ${String(error.expectedVersion)}. Muat ulang lalu ulangi.`,
        en: `Someone else changed this first: the current version is ${error.actualVersion}, not ${String(error.expectedVersion)}. Reload and retry.`,
      },
      details: {
        streamId: error.streamId,
        currentVersion: error.actualVersion,
        expectedVersion: error.expectedVersion,
      },
    };
  if (error instanceof ReadModelNotReadyError)
    return {
      status: 503,
      code: 'READ_MODEL_NOT_READY',
      messages: {
        id: `Model baca "${error.readModel}" belum dibangun; projector membangunnya saat mulai ("sakip project").`,
        en: error.message,
      },
      details: {},
    };
  if (error instanceof DataDirectoryInUseError)
    return {
      status: 503,
      code: 'STORE_IN_USE',
      messages: { id: error.message, en: error.message },
      details: {},
    };
  return {
    status: 500,
    code: 'INTERNAL_ERROR',
    messages: { id: 'Terjadi kesalahan pada server.', en: 'Something went wrong on the server.' },
    details: {},
  };
}
