import type {
  DocumentView,
  IndicatorView,
  OrganisationView,
  ReadModels,
  SubmissionView,
} from '@sakip/read-models';
import { errors } from '../errors/catalogue';
import { withTargets, type TargetTreeNode } from './tree-targets';

/** Organisation reads for the API and the CLI; an organisation that is not on record is UNKNOWN_ORGANISATION. */
export class OrganisationQueries {
  constructor(private readonly readModels: ReadModels) {}

  list(): Promise<OrganisationView[]> {
    return this.readModels.planTree.organisations();
  }

  async get(organisationId: string): Promise<OrganisationView & { documents: DocumentView[] }> {
    return {
      ...(await this.organisation(organisationId)),
      documents: await this.readModels.planTree.documents(organisationId),
    };
  }

  async indicators(organisationId: string): Promise<IndicatorView[]> {
    await this.organisation(organisationId);
    return this.readModels.planTree.indicators(organisationId);
  }

  async tree(
    organisationId: string,
    documentId: string,
  ): Promise<{ document: DocumentView; tree: TargetTreeNode[] }> {
    await this.organisation(organisationId);
    const document = (await this.readModels.planTree.documents(organisationId)).find(
      (d) => d.documentId === documentId,
    );
    if (!document) throw errors.unknownDocument(organisationId, documentId);
    return {
      document,
      tree: withTargets(
        await this.readModels.planTree.tree(organisationId, documentId),
        await this.readModels.indicatorPeriods.rows(organisationId),
      ),
    };
  }

  /** Submissions of one organisation, or of every organisation when none is named. */
  async submissions(organisationId?: string, year?: number): Promise<SubmissionView[]> {
    if (organisationId) await this.organisation(organisationId);
    return this.readModels.submissions.list(organisationId, year);
  }

  private async organisation(organisationId: string): Promise<OrganisationView> {
    const organisation = await this.readModels.planTree.organisation(organisationId);
    if (!organisation) throw errors.unknownOrganisation(organisationId);
    return organisation;
  }
}
