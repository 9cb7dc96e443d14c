import { Module } from '@nestjs/common';
import { BundlesController } from './bundles.controller';

/** A bundle's body (JSON, or a workbook's bytes) is read after the key is checked, by JsonBodyInterceptor. */
@Module({ controllers: [BundlesController] })
export class BundlesModule {}
