import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { Request, Response } from 'express';
import { describeError, type BundleProblem } from '@sakip/application';

/** Thrown by handlers for answers that are not domain errors: 401, 403, 404, a rejected bundle. */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: { readonly id: string; readonly en: string },
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(`${code}: ${messages.en}`);
  }
}

export class BundleRejectedException extends ProblemException {
  constructor(problems: readonly BundleProblem[]) {
    super(
      422,
      'BUNDLE_REJECTED',
      {
        id: `Bundel ditolak (${problems.length} masalah); tidak ada yang disimpan.`,
        en: `Bundle rejected (${problems.length} problems); nothing was stored.`,
      },
      { errors: problems.map((p) => ({ path: p.path, message: p.en, pesan: p.id })) },
    );
  }
}

/** Invalid request shape found by class-validator: every field and every reason. */
export class RequestValidationException extends ProblemException {
  constructor(errors: readonly ValidationError[]) {
    const flat: { path: string; message: string }[] = [];
    const walk = (list: readonly ValidationError[], prefix: string) => {
      for (const error of list) {
        const path = prefix ? `${prefix}.${error.property}` : error.property;
        for (const message of Object.values(error.constraints ?? {})) flat.push({ path, message });
        walk(error.children ?? [], path);
      }
    };
    walk(errors, '');
    super(
      400,
      'INVALID_REQUEST',
      { id: 'Permintaan tidak valid.', en: 'The request is invalid.' },
      { errors: flat },
    );
  }
}

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  messages: { id: string; en: string };
  instance?: string;
  correlationId?: string;
  [key: string]: unknown;
}

const typeUri = (code: string) => `https://sakip.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`;

function problem(
  status: number,
  code: string,
  messages: { id: string; en: string },
  extra: Record<string, unknown> = {},
): Problem {
  return { type: typeUri(code), title: messages.en, status, detail: messages.en, code, messages, ...extra };
}

/** Maps every error once to an RFC 9457 Problem Details response (application/problem+json). */
export function toProblem(error: unknown): Problem {
  if (error instanceof ProblemException)
    return problem(error.status, error.code, error.messages, { ...error.extra });
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = status === 404 ? 'NOT_FOUND' : status === 413 ? 'PAYLOAD_TOO_LARGE' : `HTTP_${status}`;
    const text = error.message;
    return problem(status, code, { id: text, en: text });
  }
  const parseError = error as { type?: string; status?: number; message?: string };
  if (parseError.type === 'entity.parse.failed') {
    return problem(400, 'INVALID_JSON', {
      id: `Isi permintaan bukan JSON yang valid: ${parseError.message}`,
      en: `The request body is not valid JSON: ${parseError.message}`,
    });
  }
  if (parseError.type === 'entity.too.large') {
    return problem(413, 'PAYLOAD_TOO_LARGE', {
      id: 'Isi permintaan terlalu besar.',
      en: 'The request body is too large.',
    });
  }
  const { status, code, messages, details } = describeError(error);
  return problem(status, code, messages, { ...details });
}

/**
 * Express error middleware for what fails before Nest sees the request (unparseable JSON, a body over the
 * limit): answered as Problem Details like everything else.
 */
export function bodyParserProblems(
  error: unknown,
  request: Request,
  response: Response,
  next: (error?: unknown) => void,
): void {
  const type = (error as { type?: string }).type;
  if (type !== 'entity.parse.failed' && type !== 'entity.too.large') {
    next(error);
    return;
  }
  const body = toProblem(error);
  body.instance = request.originalUrl;
  response.status(body.status).type('application/problem+json').json(body);
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('API');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { correlationId?: string }>();
    const response = http.getResponse<Response>();
    const body = toProblem(error);
    body.instance = request.originalUrl;
    if (request.correlationId) body.correlationId = request.correlationId;
    if (body.status >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response.status(body.status).type('application/problem+json').json(body);
  }
}
