import {
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import {
  BUNDLE_SCHEMA,
  decodeUtf8,
  errors,
  parseJsonInput,
  XLSX_MEDIA_TYPE,
  type Application,
} from '@sakip/application';
import { App } from './tokens';

/** How large a route's body may be: commands are small, rules a little larger, bundles configurable. */
export type BodyKind = 'command' | 'rule' | 'bundle';

const BODY_KIND = 'sakip:body-kind';
export const COMMAND_BODY_BYTES = 64 * 1024;
export const RULE_BODY_BYTES = 1024 * 1024;

/** The size class of a route's body (default: command). */
export const BodyLimit = (kind: BodyKind) => SetMetadata(BODY_KIND, kind);

/** The OpenAPI request body of a route that takes a document: sakip-bundle JSON, or a SAKIP workbook sent raw. */
export const DOCUMENT_REQUEST_BODY = {
  required: true,
  content: {
    'application/json': { schema: BUNDLE_SCHEMA as object },
    [XLSX_MEDIA_TYPE]: {
      schema: { type: 'string', format: 'binary', description: 'a SAKIP workbook (.xlsx)' },
    },
  },
};

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\b/i;

/**
 * Reads and parses a request body after the guard has accepted the key (Nest's global body parser is off):
 * a request without a valid key costs no parsing. The route's limit applies before any byte is kept
 * (Content-Length first, then while reading); the JSON is read as both doors read it (`parseJsonInput`:
 * BOM, depth, NUL, lengths, lossless numbers) and every problem is a 4xx naming the line and column or
 * the JSON path.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @App() private readonly app: Application,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { bodyRead?: boolean }>();
    if (!hasBody(request) || request.bodyRead) return next.handle();
    const contentType = request.header('content-type') ?? '';
    const kind =
      this.reflector.getAllAndOverride<BodyKind>(BODY_KIND, [context.getHandler(), context.getClass()]) ??
      'command';
    const limit = this.limitOf(kind);
    if (contentType !== '' && !JSON_TYPE.test(contentType)) {
      // A document may also come as a SAKIP workbook: its bytes, read under the same limit.
      if (kind !== 'bundle' || !contentType.toLowerCase().startsWith(XLSX_MEDIA_TYPE))
        throw errors.unsupportedMediaType(contentType);
      request.body = await readBody(request, limit);
      request.bodyRead = true;
      return next.handle();
    }
    const bytes = await readBody(request, limit);
    request.bodyRead = true;
    const text = decodeUtf8(bytes);
    if (!text.ok) throw errors.invalidJson(text.problem.en);
    const parsed = parseJsonInput(text.text);
    if (!parsed.ok) {
      const [first] = parsed.problems;
      if (parsed.syntax && first) throw errors.invalidJson(first.en, first);
      throw errors.invalidRequest(parsed.problems.map((p) => ({ path: p.path, message: p.en })));
    }
    request.body = parsed.value;
    return next.handle();
  }

  private limitOf(kind: BodyKind): number {
    switch (kind) {
      case 'bundle':
        return this.app.settings.maxBundleBytes;
      case 'rule':
        return RULE_BODY_BYTES;
      case 'command':
        return COMMAND_BODY_BYTES;
      default: {
        const never: never = kind;
        return never;
      }
    }
  }
}

function hasBody(request: Request): boolean {
  const length = request.header('content-length');
  if (length !== undefined) return Number(length) > 0;
  return request.header('transfer-encoding') !== undefined;
}

/** The body's bytes, refused (413) as soon as it is known to exceed `limit`; nothing past it is kept. */
function readBody(request: Request, limit: number): Promise<Buffer> {
  const declared = Number(request.header('content-length') ?? NaN);
  if (declared > limit) return Promise.reject(errors.payloadTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        request.resume(); // drain (and drop) the rest so the answer can be sent
        reject(errors.payloadTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}
