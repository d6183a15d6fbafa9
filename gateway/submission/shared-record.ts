import type { KeyValueStore } from '../../src/kv/key-value-store.js';

/**
 * What the back offices already know of an applicant, fetched from all five subgraphs in one
 * federated operation, so the form's defaults are filled and nobody is asked twice.
 */
export interface SharedRecord {
  readonly id: string;
  readonly name: string;
  readonly gender: 'MALE' | 'FEMALE';
  readonly birthDate: string;
  readonly phone: string | null;
  readonly socialSecurityCard: { status: string; bankAccount: { bankName: string; accountNumber: string } | null } | null;
  readonly handlingAgency: { regionCode: string; name: string } | null;
  readonly personnelArchive: { holder: string; holderRegionCode: string | null; status: string } | null;
  readonly insuredSchemes: ReadonlyArray<{ scheme: string; status: string; contributionMonths: number }>;
  readonly benefits: ReadonlyArray<{ kind: string; status: string }>;
  readonly unemploymentStatus: { registered: boolean } | null;
  /** Employment registrations (就业登记), each with the day it ended, if it did. */
  readonly employmentRegistrations?: ReadonlyArray<{ startedOn: string; endedOn: string | null }>;
}

/** The operation, run through the gateway's own executor (one query plan over the subgraphs). */
export const SHARED_RECORD_QUERY = `query SharedRecord($idType: IdDocumentType!, $idNumber: String!) {
  person(idType: $idType, idNumber: $idNumber) {
    id name gender birthDate phone
    socialSecurityCard { status bankAccount { bankName accountNumber } }
    handlingAgency { regionCode name }
    personnelArchive { holder holderRegionCode status }
    insuredSchemes { scheme status contributionMonths }
    benefits { kind status }
    unemploymentStatus { registered }
    employmentRegistrations { startedOn endedOn }
  }
}`;

/** `complete` is false when some subgraph could not answer (its fields are then null). */
export type FederatedFetch = (idType: string, idNumber: string) => Promise<{ record: SharedRecord | null; complete: boolean }>;

const cacheKey = (personKey: string) => `shared-record:v2:${personKey}`;

/**
 * The shared record of a person, from Redis when fresh, else from one federated fetch. Keyed by
 * the opaque person key; dropped after each submission that may change it.
 */
export class SharedRecordCache {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly ttlSeconds: number,
    private readonly fetch: FederatedFetch,
  ) {}

  async get(personKey: string, idType: string, idNumber: string): Promise<SharedRecord | null> {
    const cached = await this.kv.get(cacheKey(personKey)).catch(() => null);
    if (cached) return JSON.parse(cached) as SharedRecord;
    const { record, complete } = await this.fetch(idType, idNumber);
    if (record && complete) await this.kv.set(cacheKey(personKey), JSON.stringify(record), { ttlSeconds: this.ttlSeconds }).catch(() => false);
    return record;
  }

  async forget(personKey: string): Promise<void> {
    await this.kv.del(cacheKey(personKey)).catch(() => undefined);
  }
}

/** Facts the catalog's rules may test ({fact: …}), read from the record and from policy. */
export function factsOf(record: SharedRecord | null, policy: { priceSubsidyTriggered: boolean }): Record<string, boolean> {
  const paying = (kind: string) => record?.benefits.some((b) => b.kind === kind && b.status === 'PAYING') ?? false;
  return {
    drawsUnemploymentBenefit: paying('UNEMPLOYMENT_BENEFIT'),
    receivesWorkInjuryBenefit: paying('WORK_INJURY'),
    priceSubsidyTriggered: policy.priceSubsidyTriggered,
  };
}
