import { raw, type NextFunction, type Request, type Response } from 'express';
import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { XLSX_MEDIA_TYPE } from '@sakip/application';
import { bodyParserProblems } from '../shared/problem-details';
import { BundlesController } from './bundles.controller';

const workbookBody = raw({ type: XLSX_MEDIA_TYPE, limit: '50mb' });

/** A workbook arrives as the raw body (a Buffer); a body over the limit is a Problem Details answer too. */
function readWorkbookBody(request: Request, response: Response, next: NextFunction): void {
  workbookBody(request, response, (error?: unknown) =>
    error ? bodyParserProblems(error, request, response, next) : next(),
  );
}

@Module({ controllers: [BundlesController] })
export class BundlesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(readWorkbookBody).forRoutes({ path: 'bundles', method: RequestMethod.POST });
  }
}
