import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { Request, Response } from 'express';
import { describeError, errors, type ErrorDescription } from '@sakip/application';

/** Invalid request shape found by class-validator: every field and every reason (INVALID_REQUEST). */
export function requestValidationError(validation: readonly ValidationError[]) {
  const flat: { path: string; message: string }[] = [];
  const walk = (list: readonly ValidationError[], prefix: string) => {
    for (const error of list) {
      const path = prefix ? `${prefix}.${error.property}` : error.property;
      for (const message of Object.values(error.constraints ?? {})) flat.push({ path, message });
      walk(error.children ?? [], path);
    }
  };
  walk(validation, '');
  return errors.invalidRequest(flat);
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

/** What Nest and the body parser throw, as catalogue entries; everything else is described by the application. */
function describe(error: unknown): ErrorDescription {
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return describeError(errors.notFound(error.message));
    if (status === 413) return describeError(errors.payloadTooLarge());
    // Nest's other HTTP errors keep their status (none of sakip's routes raise them).
    return {
      status,
      code: `HTTP_${status}`,
      messages: { id: error.message, en: error.message },
      details: {},
    };
  }
  const parseError = error as { type?: string; message?: string };
  if (parseError.type === 'entity.parse.failed')
    return describeError(errors.invalidJson(parseError.message ?? ''));
  if (parseError.type === 'entity.too.large') return describeError(errors.payloadTooLarge());
  return describeError(error);
}

/** Maps every error once to an RFC 9457 Problem Details response (application/problem+json). */
export function toProblem(error: unknown): Problem {
  const { status, code, messages, details } = describe(error);
  return { type: typeUri(code), title: messages.en, status, detail: messages.en, code, messages, ...details };
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
    if (body.status >= 500 && body.status !== 503)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (typeof body['retryAfterSeconds'] === 'number')
      response.setHeader('Retry-After', String(body['retryAfterSeconds']));
    response.status(body.status).type('application/problem+json').json(body);
  }
}
