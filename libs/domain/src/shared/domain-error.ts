/**
 * A broken invariant. `code` is stable (clients and tests match on it); the message comes in Indonesian
 * and English. `kind` tells the edge how to answer: a conflict with current state, a rule of the domain,
 * something that does not exist, or a caller acting outside its scope.
 */
export type DomainErrorKind = 'conflict' | 'rule' | 'not-found' | 'forbidden';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly messages: { readonly id: string; readonly en: string },
    readonly kind: DomainErrorKind = 'rule',
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(`${code}: ${messages.en}`);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
