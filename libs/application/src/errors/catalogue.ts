import { unknownIndicator, unknownOrganisation, type DomainError, type DomainErrorKind } from '@sakip/domain';

/**
 * The error catalogue: every code the application answers with, each with one constructor, one kind
 * (hence one HTTP status, STATUS_OF_KIND) and one message pair. The deciders' own codes (e.g.
 * TARGET_REVISION_NEEDS_REASON) stay with their deciders; where the application means the same thing it
 * uses the decider's constructor (UNKNOWN_INDICATOR, UNKNOWN_ORGANISATION). Application code throws these
 * (or domain errors), never HTTP exceptions; each front door maps them once (Problem Details, CLI text).
 */

export interface Messages {
  readonly id: string;
  readonly en: string;
}

/** How a front door answers: the domain's kinds plus what only the application knows. */
export type ErrorKind =
  | DomainErrorKind
  /** No valid credentials. */
  | 'unauthenticated'
  /** The request itself is malformed (shape, JSON). */
  | 'invalid'
  | 'too-large'
  | 'unsupported-media-type'
  /** Too many attempts (failed keys): wait. */
  | 'throttled'
  /** Not now: the read models or the store are not ready; retry. */
  | 'unavailable'
  | 'internal';

export const STATUS_OF_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'unsupported-media-type': 415,
  throttled: 429,
  rule: 422,
  internal: 500,
  unavailable: 503,
};

/** A catalogued error (see `errors`). */
export class ApplicationError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    readonly messages: Messages,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(`${code}: ${messages.en}`);
    this.name = 'ApplicationError';
  }
}

export function isApplicationError(error: unknown): error is ApplicationError {
  return error instanceof ApplicationError;
}

/** One catalogue entry: its code and kind, and how its messages and details are made from the arguments. */
function entry<A extends unknown[]>(
  code: string,
  kind: ErrorKind,
  messages: (...args: A) => Messages,
  details: (...args: A) => Record<string, unknown> = () => ({}),
): ((...args: A) => ApplicationError) & { readonly code: string; readonly kind: ErrorKind } {
  return Object.assign(
    (...args: A) => new ApplicationError(code, kind, messages(...args), details(...args)),
    {
      code,
      kind,
    },
  );
}

/** A decider's constructor, listed here with its code and kind. */
function fromDomain<A extends unknown[]>(
  code: string,
  kind: DomainErrorKind,
  make: (...args: A) => DomainError,
): ((...args: A) => DomainError) & { readonly code: string; readonly kind: ErrorKind } {
  return Object.assign((...args: A) => make(...args), { code, kind });
}

export interface BundleProblemLike {
  readonly path: string;
  readonly en: string;
  readonly id: string;
}

export const errors = {
  // --- who may ask
  unauthenticated: entry('UNAUTHENTICATED', 'unauthenticated', () => ({
    id: 'Butuh kunci API yang valid: header "Authorization: Bearer <kunci>" atau "X-API-Key".',
    en: 'A valid API key is required: send "Authorization: Bearer <key>" or "X-API-Key".',
  })),
  forbiddenForRole: entry(
    'FORBIDDEN_FOR_ROLE',
    'forbidden',
    (role: string, allowed: readonly string[]) => ({
      id: `Peran ${role} tidak boleh melakukan ini (hanya ${allowed.join(', ')}).`,
      en: `Role ${role} may not do this (only ${allowed.join(', ')}).`,
    }),
    (role, allowed) => ({ role, allowed }),
  ),
  organisationOutOfScope: entry(
    'ORGANISATION_NOT_IN_SCOPE',
    'forbidden',
    (organisationId: string) => ({
      id: `Kunci ini tidak boleh mengubah data ${organisationId}.`,
      en: `This key may not change data of ${organisationId}.`,
    }),
    (organisationId) => ({ organisationId }),
  ),

  // --- the request
  invalidRequest: entry(
    'INVALID_REQUEST',
    'invalid',
    (_errors: readonly { path: string; message: string }[]) => ({
      id: 'Permintaan tidak valid.',
      en: 'The request is invalid.',
    }),
    (list) => ({ errors: list }),
  ),
  invalidJson: entry(
    'INVALID_JSON',
    'invalid',
    (reason: string, _at?: { readonly line?: number; readonly column?: number }) => ({
      id: `Isi permintaan bukan JSON yang valid: ${reason}`,
      en: `The request body is not valid JSON: ${reason}`,
    }),
    (_reason: string, at?: { readonly line?: number; readonly column?: number }) =>
      at?.line ? { line: at.line, column: at.column } : {},
  ),
  payloadTooLarge: entry(
    'PAYLOAD_TOO_LARGE',
    'too-large',
    (_limitBytes?: number) => ({
      id: 'Isi permintaan terlalu besar.',
      en: 'The request body is too large.',
    }),
    (limitBytes?: number) => (limitBytes ? { limitBytes } : {}),
  ),
  unsupportedMediaType: entry(
    'UNSUPPORTED_MEDIA_TYPE',
    'unsupported-media-type',
    (contentType: string) => ({
      id: `Jenis isi "${contentType}" tidak diterima; kirim JSON (Content-Type: application/json).`,
      en: `Content type "${contentType}" is not accepted; send JSON (Content-Type: application/json).`,
    }),
    (contentType) => ({ contentType }),
  ),
  tooManyFailedKeys: entry(
    'TOO_MANY_FAILED_KEYS',
    'throttled',
    (seconds: number) => ({
      id: `Terlalu banyak kunci API yang salah dari alamat ini; coba lagi dalam ${seconds} detik.`,
      en: `Too many wrong API keys from this address; retry in ${seconds} s.`,
    }),
    (seconds) => ({ retryAfterSeconds: seconds }),
  ),
  notFound: entry('NOT_FOUND', 'not-found', (text: string) => ({ id: text, en: text })),
  idempotencyKeyReused: entry('IDEMPOTENCY_KEY_REUSED', 'rule', () => ({
    id: 'Idempotency-Key ini sudah dipakai untuk permintaan lain.',
    en: 'This Idempotency-Key was already used for a different request.',
  })),
  staleVersion: entry(
    'STALE_VERSION',
    'conflict',
    (
      streamId: string,
      expectedVersion: number | 'any',
      currentVersion: number,
      _changes?: readonly unknown[],
    ) => ({
      id: `Data sudah diubah orang lain: versi sekarang ${currentVersion}, bukan ${String(expectedVersion)}. Muat ulang lalu ulangi.`,
      en: `Someone else changed this first: the current version is ${currentVersion}, not ${String(expectedVersion)}. Reload and retry.`,
    }),
    // `changes`: what was recorded after the expected version (planner commands), to show what changed meanwhile.
    (streamId, expectedVersion, currentVersion, changes?) => ({
      streamId,
      currentVersion,
      expectedVersion,
      ...(changes ? { changes } : {}),
    }),
  ),

  // --- what is on record
  unknownOrganisation: fromDomain('UNKNOWN_ORGANISATION', 'not-found', unknownOrganisation),
  unknownDocument: entry(
    'UNKNOWN_DOCUMENT',
    'not-found',
    (organisationId: string, documentId: string) => ({
      id: `Dokumen "${documentId}" tidak ada untuk ${organisationId}.`,
      en: `There is no document "${documentId}" for ${organisationId}.`,
    }),
    (organisationId, documentId) => ({ organisationId, documentId }),
  ),
  unknownIndicator: fromDomain('UNKNOWN_INDICATOR', 'not-found', unknownIndicator),
  unknownIndicatorRef: entry(
    'UNKNOWN_INDICATOR_REF',
    'not-found',
    (ref: string) => ({
      id: `Tidak ada organisasi dengan indikator "${ref}". Tulis "<organisasi>:<indikator>", mis. "dinsos-karanganyar:S1-I1".`,
      en: `No organisation has an indicator "${ref}". Write "<organisation>:<indicator>", e.g. "dinsos-karanganyar:S1-I1".`,
    }),
    (ref) => ({ indicator: ref }),
  ),
  ambiguousIndicator: entry(
    'AMBIGUOUS_INDICATOR',
    'rule',
    (ref: string, organisations: readonly string[]) => ({
      id: `Indikator "${ref}" ada di ${organisations.length} organisasi (${organisations.join(', ')}); tulis "<organisasi>:${ref}".`,
      en: `Indicator "${ref}" exists in ${organisations.length} organisations (${organisations.join(', ')}); write "<organisation>:${ref}".`,
    }),
    (ref, organisations) => ({ indicator: ref, organisations }),
  ),
  bundleRejected: entry(
    'BUNDLE_REJECTED',
    'rule',
    (problems: readonly BundleProblemLike[]) => ({
      id: `Bundel ditolak (${problems.length} masalah); tidak ada yang disimpan.`,
      en: `Bundle rejected (${problems.length} problems); nothing was stored.`,
    }),
    (problems) => ({ errors: problems.map((p) => ({ path: p.path, message: p.en, pesan: p.id })) }),
  ),

  // --- evaluations and rules
  unknownEvaluation: entry('UNKNOWN_EVALUATION', 'not-found', (batchId: string) => ({
    id: `Evaluasi "${batchId}" tidak ada.`,
    en: `There is no evaluation "${batchId}".`,
  })),
  unknownFinding: entry(
    'UNKNOWN_FINDING',
    'not-found',
    (batchId: string, findingId: string) => ({
      id: `Temuan "${findingId}" tidak ada di evaluasi "${batchId}".`,
      en: `There is no finding "${findingId}" in evaluation "${batchId}".`,
    }),
    (batchId, findingId) => ({ batchId, findingId }),
  ),
  unknownCatalogueRule: entry('UNKNOWN_CATALOGUE_RULE', 'not-found', (ruleId: string) => ({
    id: `Aturan "${ruleId}" tidak ada: tidak pernah diterbitkan dan tidak ada berkasnya.`,
    en: `There is no rule "${ruleId}": never published and no rule file.`,
  })),
  unknownRuleSetVersion: entry('UNKNOWN_RULE_SET_VERSION', 'not-found', (version: number) => ({
    id: `Versi set aturan ${version} tidak ada.`,
    en: `There is no rule-set version ${version}.`,
  })),
  unknownRule: entry('UNKNOWN_RULE', 'not-found', (ruleId: string) => ({
    id: `Aturan "${ruleId}" tidak ada di set aturan terkini.`,
    en: `Rule "${ruleId}" is not in the current rule set.`,
  })),
  rulesInvalid: entry('RULES_INVALID', 'rule', (dir: string, problems: string) => ({
    id: `Aturan di ${dir} tidak valid: ${problems}`,
    en: `The rules in ${dir} are not valid: ${problems}`,
  })),
  ruleExamplesFail: entry('RULE_EXAMPLES_FAIL', 'rule', (ruleIds: readonly string[]) => ({
    id: `Contoh aturan tidak sesuai: ${ruleIds.join(', ')} (jalankan "sakip rules test").`,
    en: `Rule examples fail: ${ruleIds.join(', ')} (run "sakip rules test").`,
  })),
  ruleInvalid: entry(
    'RULE_INVALID',
    'rule',
    (_problems: readonly unknown[]) => ({
      id: 'Aturan tidak valid; perbaiki dulu sebelum uji coba.',
      en: 'The rule is not valid; fix it before a dry run.',
    }),
    (problems) => ({ problems }),
  ),
  ruleNotPublishable: entry(
    'RULE_NOT_PUBLISHABLE',
    'rule',
    (_problems: readonly unknown[], _failedExamples: readonly unknown[]) => ({
      id: 'Aturan tidak valid atau contohnya tidak sesuai; tidak diterbitkan.',
      en: 'The rule is not valid or its examples fail; it was not published.',
    }),
    (problems, failedExamples) => ({ problems, failedExamples }),
  ),

  evaluationPlanMismatch: entry(
    'EVALUATION_PLAN_MISMATCH',
    'conflict',
    (reason: { id: string; en: string }) => ({
      id: `Rencana evaluasi tidak cocok dengan penyimpanan ini: ${reason.id} Buat rencana baru ("sakip evaluate --plan-out") pada penyimpanan yang sama.`,
      en: `The evaluation plan does not match this store: ${reason.en} Make a new plan ("sakip evaluate --plan-out") on the same store.`,
    }),
  ),
  evaluationNeedsSharedStore: entry('EVALUATION_NEEDS_SHARED_STORE', 'invalid', () => ({
    id: 'Evaluasi terbagi (--workers, --shard, --plan-out, --combine) membutuhkan PostgreSQL (DATABASE_URL): penyimpanan tertanam (PGlite) hanya dapat dibuka oleh satu proses.',
    en: 'A split evaluation (--workers, --shard, --plan-out, --combine) needs PostgreSQL (DATABASE_URL): the embedded store (PGlite) can be opened by one process only.',
  })),

  // --- not now
  readModelsBehind: entry(
    'READ_MODELS_BEHIND',
    'unavailable',
    (position: string, seconds: number) => ({
      id: `Model baca belum mencapai posisi ${position} dalam ${seconds} detik; coba lagi sebentar lagi (tanpa projector yang berjalan: "sakip project").`,
      en: `The read models have not reached position ${position} within ${seconds} s; retry shortly (if no projector runs: "sakip project").`,
    }),
    (position) => ({ waitFor: position, retryAfterSeconds: 2 }),
  ),
  readModelNotReady: entry('READ_MODEL_NOT_READY', 'unavailable', (readModel: string) => ({
    id: `Model baca "${readModel}" belum dibangun; projector membangunnya saat mulai ("sakip project").`,
    en: `The read model "${readModel}" has not been built yet; the projector builds it on start ("sakip project").`,
  })),
  storeInUse: entry('STORE_IN_USE', 'unavailable', (message: string) => ({ id: message, en: message })),
  databaseUnreachable: entry(
    'DATABASE_UNREACHABLE',
    'unavailable',
    (url: string, reason: string) => ({
      id: `Basis data di DATABASE_URL (${url}) tidak dapat dihubungi: ${reason}. Periksa DATABASE_URL, atau kosongkan untuk penyimpanan tertanam.`,
      en: `The database in DATABASE_URL (${url}) cannot be reached: ${reason}. Check DATABASE_URL, or leave it empty for the embedded store.`,
    }),
    (url) => ({ variable: 'DATABASE_URL', url }),
  ),
  storeUnavailable: entry(
    'STORE_UNAVAILABLE',
    'unavailable',
    () => ({
      id: 'Penyimpanan event tidak dapat dihubungi; coba lagi sebentar lagi.',
      en: 'The event store cannot be reached; retry shortly.',
    }),
    () => ({ retryAfterSeconds: 5 }),
  ),
  internal: entry('INTERNAL_ERROR', 'internal', () => ({
    id: 'Terjadi kesalahan pada server.',
    en: 'Something went wrong on the server.',
  })),
} as const;
