import { Module } from '@nestjs/common';
import { BundlesController } from './bundles.controller';
import { ImportBundleHandler } from './import-bundle';

@Module({ controllers: [BundlesController], providers: [ImportBundleHandler] })
export class BundlesModule {}
