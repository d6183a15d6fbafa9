import type DataLoader from 'dataloader';
import type { SharedIdentity } from './identity/shared-identity.js';

/** Built fresh for every GraphQL request; nothing here outlives it. */
export interface GatewayContext {
  readonly requestId: string;
  readonly personKeySecret: string;
  /** One loader per request: every identity this request needs is resolved in one batch. */
  readonly identities: DataLoader<string, SharedIdentity | null>;
}
