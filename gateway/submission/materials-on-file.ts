import type { Catalog, Material, SharedRecordSource } from '../../src/catalog/index.js';
import type { SharedRecord } from './shared-record.js';

/** Card states in which a card has been made, so the agency holds the photo it was made with. */
const MADE_CARD_STATES: ReadonlySet<string> = new Set(['MADE', 'ISSUED', 'ACTIVE', 'TEMPORARILY_LOST', 'LOST']);

/**
 * What each shared-record source (materials.yaml `sharedRecord`) finds in a person's record: the
 * back office holds the material, so it is not asked again (免提交). Only what the records say.
 */
const HOLDS: Readonly<Record<SharedRecordSource, (record: SharedRecord) => boolean>> = {
  // 解除或终止劳动关系证明: an employment registration that ended was closed on the employer's proof.
  endedEmployment: (r) => (r.employmentRegistrations ?? []).some((e) => e.endedOn !== null),
  // The photo: taken when the card in force was made.
  cardInForce: (r) => r.socialSecurityCard !== null && MADE_CARD_STATES.has(r.socialSecurityCard.status),
};

/** The materials of the catalog a person's shared record already holds, with the source that holds each. */
export function materialsOnFile(catalog: Catalog, record: SharedRecord | null): ReadonlyArray<{ material: Material; source: SharedRecordSource }> {
  if (!record) return [];
  return [...catalog.materials.values()]
    .filter((m): m is Material & { sharedRecord: SharedRecordSource } => m.sharedRecord !== undefined && HOLDS[m.sharedRecord](record))
    .map((material) => ({ material, source: material.sharedRecord }));
}
