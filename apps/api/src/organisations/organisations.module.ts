import { Module } from '@nestjs/common';
import { OrganisationsController } from './organisations.controller';
import { ORGANISATION_QUERY_HANDLERS, RecordSubmissionHandler } from './organisations.cqrs';

@Module({
  controllers: [OrganisationsController],
  providers: [...ORGANISATION_QUERY_HANDLERS, RecordSubmissionHandler],
})
export class OrganisationsModule {}
