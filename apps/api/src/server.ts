import type { Request, Response, NextFunction } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { ValidationPipe, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { Application } from '@sakip/application';
import { requestValidationError } from './shared/problem-details';
import { correlationMiddleware } from './shared/request-context';
import type { OperatorHolder } from './shared/tokens';
import { DEFAULT_WEB_DIR, webAppMiddleware } from './web-app';

export interface AppOptions {
  readonly logger?: LoggerService | false;
  /** Structured access log and auth failures (one JSON line per request); none when left out. */
  readonly accessLog?: Logger;
  /** Where the guard finds the local operator channel once the server listens. */
  readonly operator?: OperatorHolder;
  /** The built web application (default: <repo>/dist/web). */
  readonly webDir?: string;
}

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('sakip API')
    .setDescription(
      'System of record and audit engine for SAKIP. Authenticate with an API key: "Authorization: Bearer <key>". ' +
        'Errors are RFC 9457 Problem Details with messages in Indonesian and English.',
    )
    .setVersion('1')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'sakip API key',
      description:
        'An API key made by "sakip keys create" or POST /keys: sakip_<key id>_<secret> (an opaque key, not a JWT). "X-API-Key: <key>" works too.',
    })
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * The HTTP application, configured but not listening (tests call init(); `serve` calls listen()). No Nest
 * shutdown hooks: `sakip serve` handles SIGINT/SIGTERM itself and closes the app, then the store.
 */
export async function createApp(
  application: Application,
  options: AppOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.with(application, options.operator),
    {
      // No global body parser: bodies are read after the key is checked, with each route's limit (JsonBodyInterceptor).
      bodyParser: false,
      logger: options.logger ?? ['error', 'warn'],
    },
  );
  app.disable('x-powered-by');
  app.use(correlationMiddleware);
  if (options.accessLog)
    app.use(
      pinoHttp({
        logger: options.accessLog,
        genReqId: (request) => (request as { correlationId?: string }).correlationId ?? '',
        // One short line per request: no headers (keys, cookies), no bodies.
        serializers: {
          req: (request: { id: string; method: string; url: string; remoteAddress: string }) => ({
            id: request.id,
            method: request.method,
            url: request.url,
            remoteAddress: request.remoteAddress,
          }),
          res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
        },
        customLogLevel: (_request, response, error) =>
          error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
      }),
    );
  const apiHeaders = helmet();
  // Swagger UI at /docs needs its own scripts and styles; everything else answers JSON under a strict policy.
  const docsHeaders = helmet({ contentSecurityPolicy: false });
  app.use((request: Request, response: Response, next: NextFunction) =>
    (request.path.startsWith('/docs') ? docsHeaders : apiHeaders)(request, response, next),
  );
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => requestValidationError(errors),
    }),
  );
  const document = openApiDocument(app);
  // The OpenAPI JSON at /docs-json (Nest's default) and at /docs/openapi.json (the committed file's name).
  app.use('/docs/openapi.json', (request: Request, response: Response, next: NextFunction) => {
    if (request.method === 'GET' && request.path === '/') response.json(document);
    else next();
  });
  SwaggerModule.setup('docs', app, document);
  // The web application on the same origin: its files, and index.html for its client routes.
  const apiSegments = new Set([
    'docs',
    'docs-json',
    'health',
    ...Object.keys(document.paths).map((path) => path.split('/')[1] ?? ''),
  ]);
  apiSegments.delete('');
  app.use(webAppMiddleware({ webDir: options.webDir ?? DEFAULT_WEB_DIR, apiSegments, apiHeaders }));
  return app;
}
