import type { Config } from '../../src/config.js';
import type { Catalog } from '../../src/catalog/index.js';
import type { SubgraphFetcher } from '../subgraph-fetcher.js';
import { decideSubmissionItem, type ItemDecision } from './decide-item.js';
import type { SubmissionDispatcher } from './dispatch-submission.js';
import { answerReferral, type DepartmentAnswer } from './referrals.js';
import { submitBundle, type SubmitBundleDependencies, type SubmitBundleInput, type Submitter } from './submit-bundle.js';
import type { SubmissionFilter, SubmissionRow, SubmissionStore } from './submission-store.js';

/** The submission side of the gateway, as its GraphQL resolvers use it. */
export class SubmissionService {
  constructor(
    private readonly deps: SubmitBundleDependencies & { fetcher: SubgraphFetcher; subgraphs: Config['subgraphs']; dispatcher: SubmissionDispatcher },
  ) {}

  get store(): SubmissionStore {
    return this.deps.store;
  }

  get catalog(): Catalog {
    return this.deps.catalog;
  }

  submit(input: SubmitBundleInput, submitter: Submitter): Promise<SubmissionRow> {
    return submitBundle(this.deps, input, submitter);
  }

  get delegations() {
    return this.deps.delegations;
  }

  /** What the back offices know of a person (免提交 reads it: materialsOnFile). */
  get sharedRecords() {
    return this.deps.sharedRecords;
  }

  async decide(submissionId: string, itemCode: string, decision: ItemDecision): Promise<SubmissionRow> {
    await decideSubmissionItem(this.deps, submissionId, itemCode, decision);
    return (await this.deps.store.byId(submissionId))!;
  }

  /** A department's answer on an item referred to it. */
  async answerReferral(submissionId: string, itemCode: string, answer: DepartmentAnswer): Promise<SubmissionRow> {
    await answerReferral(this.deps, submissionId, itemCode, answer);
    return (await this.deps.store.byId(submissionId))!;
  }

  list(filter: SubmissionFilter): Promise<SubmissionRow[]> {
    return this.deps.store.list(filter);
  }
}
