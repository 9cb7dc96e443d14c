import { json } from 'express';
import { ValidationPipe, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { Clock, Infrastructure } from '@sakip/application';
import { bodyParserProblems, RequestValidationException } from './shared/problem-details';
import { correlationMiddleware } from './shared/request-context';

export interface AppOptions {
  readonly clock: Clock;
  readonly logger?: LoggerService | false;
}

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('sakip API')
    .setDescription(
      'System of record and audit engine for SAKIP. Authenticate with an API key: "Authorization: Bearer <key>". ' +
        'Errors are RFC 9457 Problem Details with messages in Indonesian and English.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * The HTTP application, configured but not listening (tests call init(); `serve` calls listen()). No Nest
 * shutdown hooks: `sakip serve` handles SIGINT/SIGTERM itself and closes the app, then the store.
 */
export async function createApp(infra: Infrastructure, options: AppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(infra, options.clock), {
    bodyParser: false,
    logger: options.logger ?? ['error', 'warn'],
  });
  app.use(correlationMiddleware);
  app.use(json({ limit: '50mb' }));
  app.use(bodyParserProblems);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new RequestValidationException(errors),
    }),
  );
  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
