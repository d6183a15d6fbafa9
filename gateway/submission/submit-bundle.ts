import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../src/errors.js';
import { personKey } from '../../src/identity/person-key.js';
import type { GatewayMetrics } from '../../src/observability/metrics.js';
import {
  derivedValues,
  entriesFor,
  scenarioOf,
  validateBundle,
  validateCreditCode,
  type Bundle,
  type Catalog,
  type PersonFields,
  type Scenario,
  type ValidationError,
} from '../../src/catalog/index.js';
import { checkIdDocument, type IdDocumentType } from '../identity/id-document.js';
import type { RequestAudit } from '../audit/request-audit.js';
import { authorizeItems, authorizeSubmitter } from '../auth/authorize-submission.js';
import { regionOfCreditCode, regionOfDocument } from '../auth/authorize.js';
import type { DelegationStore } from '../auth/delegation-store.js';
import type { Principal } from '../auth/principal.js';
import type { SubmissionDispatcher } from './dispatch-submission.js';
import { fillDefaults } from './form-defaults.js';
import { idempotencyInProgress, requestHash, type IdempotencyKeys } from './idempotency.js';
import { factsOf, type SharedRecordCache } from './shared-record.js';
import { materialsOnFile } from './materials-on-file.js';
import { materialRowsFor, type MaterialPolicy } from './materials-service.js';
import { recordSubmissionMaterials } from './materials-store.js';
import { checkPriority, priorityDays, type PriorityReason, type PriorityStore } from '../worklist/priority.js';
import type { NewSubmissionItem, SubmissionRoles, SubmissionRow, SubmissionStore } from './submission-store.js';
import type { Channel } from '../../src/catalog/catalog-types.js';
import type { Clock } from '../../src/policy/calendar.js';

/** SubmitBundleInput as the client sends it. */
export interface SubmitBundleInput {
  readonly idempotencyKey: string;
  readonly bundleCode: string;
  readonly scenario?: string | null;
  readonly channel: Channel;
  readonly employerCreditCode?: string | null;
  readonly sharedFields: Record<string, unknown>;
  readonly items: ReadonlyArray<{ code: string; fields?: Record<string, unknown> | null }>;
  readonly materials?: readonly string[] | null;
  readonly commitments?: readonly string[] | null;
  /** Agent terminals: how the person was identified on the spot. */
  readonly presence?: { readonly verifiedBy: 'ID_CARD_READER' | 'SOCIAL_SECURITY_CARD' | 'DELEGATION' } | null;
  /** Proxies (and agents acting under one): the delegation (委托书) applied under. */
  readonly delegationId?: string | null;
  /** 绿色通道 (gateway/worklist/priority.ts): who may set which reason is checked there. */
  readonly priority?: { readonly reason: PriorityReason } | null;
}

/** Who is submitting, and where the submission records whose data it touched. */
export interface Submitter {
  readonly principal: Principal;
  readonly audit: RequestAudit;
}

export interface SubmitBundleDependencies {
  readonly catalog: Catalog;
  readonly store: SubmissionStore;
  readonly dispatcher: SubmissionDispatcher;
  readonly idempotency: IdempotencyKeys;
  readonly sharedRecords: SharedRecordCache;
  /** Item codes whose mutation exists in the supergraph. */
  readonly availableItems: ReadonlySet<string>;
  readonly personKeySecret: string;
  readonly priceSubsidyTriggered: boolean;
  readonly leaseSeconds: number;
  /** How long a repeat waits for the first request with its key. */
  readonly idempotencyWaitMs: number;
  readonly metrics: GatewayMetrics;
  readonly delegations: DelegationStore;
  /** The gateway's clock: when the submitted items could start (their limits count from there). */
  readonly clock: Clock;
  /** 容缺 and 告知承诺 periods (local policy). */
  readonly materialPolicy: MaterialPolicy;
  /** 绿色通道: where the flag is kept, and the local percentage of the promised days its items get. */
  readonly priorities?: { readonly store: PriorityStore; readonly percent: number };
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** The form is wrong: one error listing every fault with its field; nothing was stored. */
export function bundleInvalid(errors: readonly ValidationError[]): GraphQLError {
  return new GraphQLError(`The application is not valid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, {
    extensions: { code: 'BUNDLE_INVALID', field: errors[0]?.field, errors },
  });
}

/**
 * submitBundle: one form, one set of materials, one submission. Validates everything first, resolves
 * the applicant's shared record once, stores the submission and all its items before any dispatch
 * (the outbox), then dispatches; a repeat with the same idempotency key returns the first submission.
 */
export async function submitBundle(deps: SubmitBundleDependencies, input: SubmitBundleInput, submitter: Submitter): Promise<SubmissionRow> {
  if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
    throw new GraphQLError('idempotencyKey: expected 8 to 128 letters, digits or _ . : -', {
      extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'idempotencyKey' },
    });
  }
  // Keys are the client's own: another client's key names nothing here.
  const idempotencyKey = `${submitter.principal.clientId}|${input.idempotencyKey}`;
  const { idempotencyKey: _clientKey, ...request } = input;
  const hash = requestHash(request);
  const claim = await deps.idempotency.claim(idempotencyKey, hash, deps.idempotencyWaitMs);
  if (claim.kind === 'existing') return touched(submitter, (await deps.store.byId(claim.submissionId))!);
  if (claim.kind === 'in-progress') throw idempotencyInProgress();

  let created: SubmissionRow | null;
  try {
    created = await createSubmission(deps, { ...input, idempotencyKey }, hash, submitter);
  } catch (error) {
    await deps.idempotency.release(idempotencyKey);
    throw error;
  }
  if (!created) {
    // PostgreSQL already holds this key (Redis had forgotten it, or could not say): the truth decides.
    const stored = await deps.idempotency.stored(idempotencyKey, hash, deps.idempotencyWaitMs);
    if (stored.kind !== 'existing') throw idempotencyInProgress();
    return touched(submitter, (await deps.store.byId(stored.submissionId))!);
  }

  deps.metrics.submissions.inc({ bundle: created.bundle_code });
  // Stored with its dispatch lease taken: neither recovery nor a repeat takes it over meanwhile.
  try {
    await deps.dispatcher.dispatch(created.id);
  } finally {
    await deps.store.releaseLease(created.id);
  }
  await deps.sharedRecords.forget(created.person_key);
  await deps.idempotency.complete(idempotencyKey, hash, created.id);
  return touched(submitter, (await deps.store.byId(created.id))!);
}

/** The scenario, or null when it is missing or unknown (validateBundle names that fault). */
function scenarioSafe(bundle: Bundle, code: string | null): Scenario | null {
  try {
    return scenarioOf(bundle, code);
  } catch {
    return null;
  }
}

/** The applicant's own document (family member, employer's handler), checked; null with a fault when it is not valid. */
function applicantDocumentOf(
  person: PersonFields,
  sharedFields: Record<string, unknown>,
  faults: ValidationError[],
): { idType: IdDocumentType; idNumber: string } | null {
  const idType = (person.idType ? sharedFields[person.idType] : 'RESIDENT_ID_CARD') as IdDocumentType | undefined;
  const raw = sharedFields[person.idNumber];
  if (typeof idType !== 'string' || typeof raw !== 'string') return null; // validateBundle names the missing field
  const field = `sharedFields.${person.idNumber}`;
  try {
    const document = checkIdDocument(idType, raw, field);
    sharedFields[person.idNumber] = document.idNumber;
    return { idType, idNumber: document.idNumber };
  } catch (error) {
    faults.push({ code: 'FIELD_INVALID', field, message: (error as Error).message.replace(`${field}: `, '') });
    return null;
  }
}

function touched(submitter: Submitter, row: SubmissionRow): SubmissionRow {
  submitter.audit.touch(row.person_key);
  const applicant = row.roles?.applicant;
  if (applicant) {
    submitter.audit.roles = {
      applicantRole: applicant.role,
      applicantPersonKey: applicant.role === 'SUBJECT' ? null : applicant.personKey,
      subjectCreditCode: row.roles!.subject.kind === 'EMPLOYER' ? row.roles!.subject.creditCode : null,
    };
  }
  submitter.audit.submissionId = row.id;
  return row;
}

async function createSubmission(deps: SubmitBundleDependencies, input: SubmitBundleInput, hash: string, submitter: Submitter): Promise<SubmissionRow | null> {
  const { catalog } = deps;
  const bundle = catalog.bundles.get(input.bundleCode);
  const sharedFields = { ...input.sharedFields };
  const faults: ValidationError[] = [];

  // The person the submission is for (the subject, or the worker an employer's bundle is about)
  // and the applicant, by the shared fields the catalog names for each role.
  const scenario = bundle ? scenarioSafe(bundle, input.scenario ?? null) : null;
  const roles = (scenario ?? bundle)?.roles;
  const applicantKinds = scenario?.applicantKind ?? bundle?.applicantKind ?? [];
  const idType = roles ? (roles.person.idType ? sharedFields[roles.person.idType] : 'RESIDENT_ID_CARD') : undefined;
  const idField = `sharedFields.${roles?.person.idNumber ?? 'idNumber'}`;
  const rawIdNumber = roles ? sharedFields[roles.person.idNumber] : undefined;
  let document: ReturnType<typeof checkIdDocument> | null = null;
  if (typeof idType === 'string' && typeof rawIdNumber === 'string') {
    try {
      document = checkIdDocument(idType as IdDocumentType, rawIdNumber, idField);
      sharedFields[roles!.person.idNumber] = document.idNumber;
    } catch (error) {
      faults.push({ code: 'FIELD_INVALID', field: idField, message: (error as Error).message.replace(`${idField}: `, '') });
    }
  }
  const applicantDocument = roles && roles.applicant.kind !== 'SUBJECT' ? applicantDocumentOf(roles.applicant.person, sharedFields, faults) : null;

  const key = document && typeof idType === 'string' ? personKey(deps.personKeySecret, idType, document.idNumber) : null;
  const applicantKey =
    applicantDocument && roles?.applicant.kind !== 'SUBJECT' ? personKey(deps.personKeySecret, applicantDocument.idType, applicantDocument.idNumber) : null;
  // Who may submit for whom, before anything about the person is read.
  const employerBundle = roles?.subject.kind === 'EMPLOYER' || (applicantKinds.length === 1 && applicantKinds[0] === 'EMPLOYER');
  const region =
    employerBundle && input.employerCreditCode && validateCreditCode(input.employerCreditCode).ok
      ? regionOfCreditCode(input.employerCreditCode)
      : key
        ? regionOfDocument(idType as IdDocumentType, document!.idNumber)
        : null;
  const actor = key
    ? await authorizeSubmitter(
        submitter.principal,
        {
          personKey: key,
          documentField: idField,
          familyMemberKey: roles?.applicant.kind === 'FAMILY_MEMBER' ? applicantKey : null,
          region,
          channel: input.channel,
          presence: input.presence ?? null,
          delegationId: input.delegationId ?? null,
        },
        deps.delegations,
      )
    : null;
  if (actor?.delegationId) {
    submitter.audit.delegation = { id: actor.delegationId, principalPersonKey: key! };
  }

  // One federated fetch (or the cache) for what the back offices know: defaults and facts.
  const record = key && faults.length === 0 ? await deps.sharedRecords.get(key, idType as IdDocumentType, document!.idNumber) : null;
  const form = fillDefaults(
    bundle ?? { sharedFields: [] },
    bundle ? entriesFor(bundle, scenario) : [],
    {
      sharedFields,
      items: input.items.map((item) => ({ code: item.code, fields: { ...(item.fields ?? {}) } })),
    },
    record,
  );
  // 免提交: what a back office already holds for this person is not asked again.
  const onFile = new Map(materialsOnFile(catalog, record).map((m) => [m.material.id, m.source]));
  const validation = validateBundle(catalog, {
    bundleCode: input.bundleCode,
    scenario: input.scenario ?? null,
    items: form.items,
    sharedFields: form.sharedFields,
    materials: input.materials ?? [],
    commitments: input.commitments ?? [],
    channel: input.channel,
    facts: factsOf(record, { priceSubsidyTriggered: deps.priceSubsidyTriggered }),
    employerCreditCode: input.employerCreditCode ?? null,
    materialsOnFile: [...onFile.keys()],
  });
  // One fault per field: the document checks above and the catalog's may both see a bad number.
  faults.push(...validation.errors.filter((e) => !faults.some((f) => f.field === e.field)));
  if (faults.length > 0 || !bundle || !roles || !key || !actor) {
    // Never a refusal without its reason: a form that names nobody says so.
    if (faults.length === 0) faults.push({ code: 'FIELD_REQUIRED', field: idField, message: 'the document of the person this application is for is required' });
    throw bundleInvalid(faults);
  }

  // Every included item must be handled by its subgraph today: refuse before storing anything.
  const includedCodes = new Set([...form.items.map((i) => i.code), ...validation.addedItems.map((a) => a.code)]);
  const entries = entriesFor(bundle, scenario).filter((entry) => includedCodes.has(entry.code));
  const unavailable = entries.filter((e) => e.item.owner.kind === 'subgraph' && !deps.availableItems.has(e.code));
  if (unavailable.length > 0) {
    throw new GraphQLError(`Not every chosen item can be handled yet: ${unavailable.map((e) => `${e.code}（${e.item.name}）`).join(', ')}`, {
      extensions: { code: 'ITEM_NOT_AVAILABLE', field: `items.${unavailable[0]!.code}`, items: unavailable.map((e) => e.code) },
    });
  }

  await authorizeItems(
    submitter.principal,
    actor,
    entries.map((e) => e.code),
    deps.delegations,
  );

  // 绿色通道: checked before anything is stored; its items get the local priority limits.
  const priority = input.priority ? checkPriority(submitter.principal, input.priority.reason, document!.birthDate) : null;
  if (priority && !deps.priorities) throw new Error('submitBundle: a priority flag but no priorities in the dependencies (gateway/server.ts)');
  const limit = (days: number | null) => (priority ? priorityDays(days, deps.priorities!.percent) : days);

  const submissionId = `sub_${randomUUID()}`;
  const fieldsOf = new Map(form.items.map((i) => [i.code, i.fields]));
  const reasons = new Map(validation.addedItems.map((a) => [a.code, a.reason]));
  const mode = scenario?.mode ?? bundle.mode ?? 'PARALLEL';
  const items: NewSubmissionItem[] = entries.map((entry, position) => ({
    item_code: entry.code,
    // One after another (SERIAL, MERGED): the first is sent now, each later one when the case is ready for it.
    status: mode === 'PARALLEL' || position === 0 ? 'PENDING' : 'WAITING',
    position,
    selection: entry.selection,
    added_reason: reasons.get(entry.code) ?? null,
    owner: entry.item.owner.kind === 'subgraph' ? entry.item.owner.subgraph : entry.item.owner.department,
    mutation: entry.item.mutation ?? null,
    idempotency_key: `${submissionId}:${entry.code}`,
    // What the bundle derives instead of asking (工亡: 减员原因 死亡, 减员时间 = 死亡时间) goes to the item as if asked.
    fields: { ...(fieldsOf.get(entry.code) ?? {}), ...derivedValues(entry, form.sharedFields) },
    working_days: entry.item.handling.kind === 'TIME_LIMITED' ? limit(entry.item.handling.workingDays) : null,
    calendar_days: entry.item.handling.kind === 'TIME_LIMITED' ? limit(entry.item.handling.calendarDays) : null,
  }));
  const named = (field: string | null) => (field ? form.sharedFields[field] : undefined) as string | undefined;
  const person = roles.person;
  // The person the items are dispatched for (ApplicantInput of the item contract).
  const applicant = {
    personId: key,
    name: named(person.name) ?? record?.name,
    gender: document!.gender ?? named(person.gender) ?? record?.gender,
    birthDate: document!.birthDate ?? named(person.birthDate) ?? record?.birthDate,
    idType,
    idNumber: document!.idNumber,
    phone: named(person.phone) ?? record?.phone ?? null,
  };
  const submissionRoles: SubmissionRoles = {
    subject: roles.subject.kind === 'EMPLOYER' ? { kind: 'EMPLOYER', creditCode: input.employerCreditCode! } : { kind: 'PERSON', personKey: key },
    applicant:
      roles.applicant.kind === 'SUBJECT'
        ? { role: 'SUBJECT', personKey: key, relationship: null }
        : {
            role: roles.applicant.kind,
            personKey: applicantKey!,
            name: named(roles.applicant.person.name) ?? null,
            idType: applicantDocument!.idType,
            idNumber: applicantDocument!.idNumber,
            phone: named(roles.applicant.person.phone) ?? null,
            relationship: named(roles.applicant.relationship) ?? null,
          },
  };
  submitter.audit.roles = {
    applicantRole: submissionRoles.applicant.role,
    applicantPersonKey: applicantKey,
    subjectCreditCode: roles.subject.kind === 'EMPLOYER' ? input.employerCreditCode! : null,
  };
  const created = await deps.store.createWithItems(
    {
      id: submissionId,
      idempotency_key: input.idempotencyKey,
      request_hash: hash,
      bundle_code: bundle.code,
      scenario: scenario?.code ?? null,
      mode,
      person_key: key,
      employer_credit_code: input.employerCreditCode ?? null,
      channel: actor.channel,
      actor_subject: actor.subject,
      actor_role: actor.role,
      terminal_id: actor.terminalId,
      delegation_id: actor.delegationId,
      region_code: region,
      applicant,
      roles: submissionRoles,
      shared_fields: form.sharedFields,
      materials: [...(input.materials ?? [])],
      commitments: [...(input.commitments ?? [])],
      time_limit: validation.timeLimit as unknown as Record<string, unknown> | null,
    },
    items,
    deps.leaseSeconds,
    deps.clock(),
    // Each item's materials (容缺 deadlines, commitments to verify) are as durable as the submission.
    (tx) => {
      const rows = materialRowsFor(validation.materialNeeds, onFile, deps.materialPolicy);
      return recordSubmissionMaterials(tx, submissionId, rows.materials, rows.commitments);
    },
  );
  if (created && priority) await deps.priorities!.store.record(created.id, priority, deps.priorities!.percent, actor);
  return created;
}
