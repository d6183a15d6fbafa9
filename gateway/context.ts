import type DataLoader from 'dataloader';
import type { Span } from '@opentelemetry/api';
import type { Catalog } from '../src/catalog/index.js';
import type { SharedIdentity } from './identity/shared-identity.js';
import type { Principal } from './auth/principal.js';
import type { RequestAudit } from './audit/request-audit.js';
import type { AuditStore } from './audit/audit-store.js';
import type { StatisticsStore } from './audit/statistics-store.js';
import type { SubmissionService } from './submission/submission-service.js';
import type { SubmissionLoaders } from './submission/submission-loaders.js';
import type { MaterialsService } from './submission/materials-service.js';
import type { MaterialLoaders } from './submission/materials-loaders.js';
import type { ProactiveService } from './proactive/proactive-resolvers.js';
import type { SpeedUpStore } from './speed-up/speed-up-store.js';
import type { FeedbackService } from './feedback/feedback-service.js';
import type { WorklistStore } from './worklist/worklist-store.js';

/** Built fresh for every GraphQL request; nothing here outlives it but the shared services. */
export interface GatewayContext {
  readonly requestId: string;
  /** This operation's span (tracing): subgraph fetches are its children. */
  readonly span?: Span;
  /** Who is calling (verified bearer token), or anonymous. */
  readonly principal: Principal;
  /** Whose data this request touches, for the audit trail. */
  readonly audit: RequestAudit;
  readonly personKeySecret: string;
  /** One loader per request: every identity this request needs is resolved in one batch. */
  readonly identities: DataLoader<string, SharedIdentity | null>;
  /** The catalog of bundles and items, loaded and validated at start-up. */
  readonly catalog: Catalog;
  /** Item codes whose mutation exists in the supergraph (the items submitBundle can handle). */
  readonly availableItems: ReadonlySet<string>;
  readonly submissions: SubmissionService;
  readonly submissionLoaders: SubmissionLoaders;
  /** 容缺, 告知承诺, 免提交 (materials-service.ts) and its per-request loaders. */
  readonly materials: MaterialsService;
  readonly materialLoaders: MaterialLoaders;
  /** The append-only audit trail (admins read it). */
  readonly auditTrail: AuditStore;
  /** Aggregates for analysts. */
  readonly statistics: StatisticsStore;
  /** 免申即办 runs. */
  readonly proactive: ProactiveService;
  /** 提速办, measured (Statistics.speedUp). */
  readonly speedUp: SpeedUpStore;
  /** 好差评 and 办不成事 (gateway/feedback). */
  readonly feedback: FeedbackService;
  /** The counter's worklist (gateway/worklist). */
  readonly worklist: WorklistStore;
}
