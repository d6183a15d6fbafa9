import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  Kind,
  parse,
  type EnumTypeDefinitionNode,
  type FieldDefinitionNode,
  type InputObjectTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
  type TypeNode,
} from 'graphql';
import { loadCatalog } from '../src/catalog/index.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { personKey } from '../src/identity/person-key.js';
import { cardApplication } from './support/forms.js';
import { applicantOf, dispatchFor } from './support/items.js';
import { TestStack } from './support/stack.js';
import { tokenFor } from './support/tokens.js';

/**
 * Roles × entry points: every root Query and Mutation field of the supergraph and every direct
 * item mutation, called by every kind of caller, allowed or refused as README § Who may do what
 * says. A root field the supergraph gains without a row here fails the first test.
 *
 * Expectations: `allow` (the access rules let it through: no refusal; what a back office then
 * says is not the matter here), `hidden` (answered as if absent: someone else's submission), or
 * the refusal's `extensions.code`.
 */
type Expectation =
  'allow' | 'hidden' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'PERSISTED_QUERY_REQUIRED' | 'APPLICANT_KEY_MISMATCH' | 'ITEM_NOT_FOUND' | 'DELEGATION_NOT_FOUND';

const CALLERS = [
  'anonymous',
  'citizen',
  'proxy',
  'proxy-expired',
  'proxy-not-yet',
  'proxy-revoked',
  'proxy-other',
  'clerk-in',
  'clerk-out',
  'agent',
  'analyst',
  'admin',
] as const;
type Caller = (typeof CALLERS)[number];

const ACCESS_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'PERSISTED_QUERY_REQUIRED', 'PERSISTED_QUERY_NOT_FOUND', 'APPLICANT_KEY_MISMATCH']);

const SUPERGRAPH = parse(readFileSync(`${PROJECT_ROOT}/schema/supergraph.graphql`, 'utf8'));
const REGISTRY = JSON.parse(readFileSync(`${PROJECT_ROOT}/schema/persisted-operations/agent-terminal.json`, 'utf8')) as Record<string, string>;
const registered = (name: string) => Object.values(REGISTRY).find((document) => document.includes(` ${name}(`) || document.includes(` ${name} `))!;

const objectType = (name: string) =>
  SUPERGRAPH.definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === name)!;
const accessible = (field: FieldDefinitionNode) => !field.directives?.some((d) => d.name.value === 'inaccessible');
/** The root fields a client can call, as `Type.field`. */
const rootFields = (type: 'Query' | 'Mutation') => (objectType(type).fields ?? []).filter(accessible);
const isItemMutation = (field: FieldDefinitionNode) => field.arguments?.some((a) => a.name.value === 'dispatch') ?? false;

// ---- Inputs for every item mutation, made from the schema: the least value of each required field. ----
const inputTypes = new Map(
  SUPERGRAPH.definitions.filter((d): d is InputObjectTypeDefinitionNode => d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION).map((d) => [d.name.value, d]),
);
const enumTypes = new Map(
  SUPERGRAPH.definitions.filter((d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION).map((d) => [d.name.value, d]),
);
function sample(type: TypeNode): unknown {
  if (type.kind === Kind.NON_NULL_TYPE) return sample(type.type);
  if (type.kind === Kind.LIST_TYPE) return [sample(type.type)];
  const name = type.name.value;
  const scalars: Record<string, unknown> = { String: '示例', ID: 'x-1', Int: 1, Float: 1, Decimal: '100', Boolean: false, Date: '2026-01-05', JSON: {} };
  if (name in scalars) return scalars[name];
  const enumType = enumTypes.get(name);
  if (enumType) return enumType.values![0]!.name.value;
  const input = inputTypes.get(name);
  if (!input) throw new Error(`no sample for type ${name}: teach sample() about it`);
  return Object.fromEntries(
    (input.fields ?? []).filter((f) => f.type.kind === Kind.NON_NULL_TYPE && !f.defaultValue).map((f) => [f.name.value, sample(f.type)]),
  );
}
const typeText = (type: TypeNode): string =>
  type.kind === Kind.NON_NULL_TYPE ? `${typeText(type.type)}!` : type.kind === Kind.LIST_TYPE ? `[${typeText(type.type)}]` : type.name.value;

let stack: TestStack;
const tokens = new Map<Caller, string | null>();
const fixture = { submissionId: '', agentSubmissionId: '', delegations: {} as Record<string, string> };
const keyOf = (person: { idType: string; idNumber: string }) => personKey(stack.config.personKeySecret, person.idType, person.idNumber);
const PERSON = DEMO_PEOPLE.zhangWei; // 320102: in region 3201, outside 3205
const AGENT = 'bank-matrix-01';

interface Response {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Sends as `caller`: agents by hash when the document is registered (as terminals do), else as text. */
async function send(caller: Caller, document: string, variables: Record<string, unknown>): Promise<Response> {
  const token = tokens.get(caller) ?? null;
  const hash = createHash('sha256').update(document).digest('hex');
  const body =
    caller === 'agent' && REGISTRY[hash] === document
      ? { variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }
      : { query: document, variables };
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Response;
}

/** What the response says about access: allowed, hidden, or the refusal's code (a refusal must name its field). */
function outcomeOf(response: Response, field: string, seen: (data: Record<string, unknown>) => boolean): Expectation {
  const refusal = response.errors?.find(
    (e) => ACCESS_CODES.has(String(e.extensions?.code)) || ['ITEM_NOT_FOUND', 'DELEGATION_NOT_FOUND'].includes(String(e.extensions?.code)),
  );
  if (refusal) {
    const code = String(refusal.extensions!.code);
    // A refusal names what is at fault.
    if (code !== 'PERSISTED_QUERY_REQUIRED' && code !== 'PERSISTED_QUERY_NOT_FOUND')
      expect(typeof refusal.extensions!.field === 'string' && refusal.extensions!.field !== '').toBe(true);
    return code as Expectation;
  }
  // Any other error is the back office or the input speaking: the access rules let the call through.
  if (response.errors?.length) return 'allow';
  const data = response.data?.[field];
  return data !== undefined && data !== null && seen(response.data!) ? 'allow' : 'hidden';
}

interface Row {
  readonly document: string;
  readonly variables: (caller: Caller) => Record<string, unknown>;
  /** For lists and lookups: whether the answer shows the fixture (default: the field is not null). */
  readonly seen?: (data: Record<string, unknown>) => boolean;
  readonly expect: Readonly<Record<Caller, Expectation>>;
}

/** The same expectation for every caller, with exceptions. */
const all = (expectation: Expectation, exceptions: Partial<Record<Caller, Expectation>> = {}): Record<Caller, Expectation> =>
  Object.fromEntries(CALLERS.map((c) => [c, exceptions[c] ?? expectation])) as Record<Caller, Expectation>;
/**
 * A field for authenticated callers with the given scopes: anonymous UNAUTHENTICATED; an agent
 * without the scope FORBIDDEN (scopes are checked first), with it only by hash.
 */
const scoped = (allowed: Partial<Record<Caller, Expectation>>, agent: Expectation = 'FORBIDDEN') =>
  all('FORBIDDEN', { anonymous: 'UNAUTHENTICATED', agent, ...allowed });
const PROXIES_REFUSED = { 'proxy-expired': 'FORBIDDEN', 'proxy-not-yet': 'FORBIDDEN', 'proxy-revoked': 'FORBIDDEN', 'proxy-other': 'FORBIDDEN' } as const;
const PROXIES_NOT_FOUND = {
  'proxy-expired': 'ITEM_NOT_FOUND',
  'proxy-not-yet': 'ITEM_NOT_FOUND',
  'proxy-revoked': 'ITEM_NOT_FOUND',
  'proxy-other': 'ITEM_NOT_FOUND',
} as const;
const PROXIES_HIDDEN = { 'proxy-expired': 'hidden', 'proxy-not-yet': 'hidden', 'proxy-revoked': 'hidden', 'proxy-other': 'hidden' } as const;

/** Each proxy's delegation id (proxy-other uses the in-force delegation issued to `proxy`). */
const delegationOf = (caller: Caller) => fixture.delegations[caller === 'proxy-other' ? 'proxy' : caller] ?? null;

function submitInput(caller: Caller): Record<string, unknown> {
  const pin = [{ code: 'CARD_PIN_RESET', fields: { operation: 'RESET' } }];
  if (caller === 'agent') return cardApplication(PERSON, pin, { channel: 'BANK_AGENT', presence: { verifiedBy: 'ID_CARD_READER' } });
  if (caller.startsWith('proxy')) return cardApplication(PERSON, pin, { delegationId: delegationOf(caller) });
  return cardApplication(PERSON, pin);
}

const ROWS: Record<string, Row> = {
  'Query.bundles': { document: registered('AgentCardBundles'), variables: () => ({}), expect: all('allow') },
  'Query.bundle': {
    document: 'query ($code: String!) { bundle(code: $code) { code } }',
    variables: () => ({ code: 'national-unemployment' }),
    expect: all('allow', { agent: 'PERSISTED_QUERY_REQUIRED' }),
  },
  'Query.items': { document: '{ items { code } }', variables: () => ({}), expect: all('allow', { agent: 'PERSISTED_QUERY_REQUIRED' }) },
  'Query.item': {
    document: 'query ($code: String!) { item(code: $code) { code } }',
    variables: () => ({ code: 'CARD_PIN_RESET' }),
    expect: all('allow', { agent: 'PERSISTED_QUERY_REQUIRED' }),
  },
  'Query.form': { document: registered('AgentBundleForm'), variables: () => ({ bundleCode: 'national-social-security-card' }), expect: all('allow') },
  'Query.formSchema': {
    document: 'query ($bundleCode: String!) { formSchema(bundleCode: $bundleCode) }',
    variables: () => ({ bundleCode: 'national-social-security-card' }),
    expect: all('allow', { agent: 'PERSISTED_QUERY_REQUIRED' }),
  },
  'Query.guide': { document: registered('AgentBundleGuide'), variables: () => ({ bundleCode: 'national-social-security-card' }), expect: all('allow') },
  'Query.validateBundle': {
    document: registered('AgentValidateBundle'),
    variables: () => ({
      input: { bundleCode: 'national-social-security-card', sharedFields: {}, items: [{ code: 'CARD_PIN_RESET', fields: { operation: 'RESET' } }] },
    }),
    expect: scoped(
      {
        citizen: 'allow',
        proxy: 'allow',
        'proxy-expired': 'allow',
        'proxy-not-yet': 'allow',
        'proxy-revoked': 'allow',
        'proxy-other': 'allow',
        'clerk-in': 'allow',
        'clerk-out': 'allow',
      },
      'allow',
    ),
  },
  'Query.statistics': {
    document: '{ statistics { minimumGroupSize submissions } }',
    variables: () => ({}),
    expect: scoped({ analyst: 'allow', admin: 'allow' }),
  },
  // 免申即办 runs: counts only, for the clerks (each in their region); a missing run is null for them.
  'Query.proactiveRun': {
    document: 'query ($id: ID!) { proactiveRun(id: $id) { id } }',
    variables: () => ({ id: 'run_none' }),
    expect: scoped({ 'clerk-in': 'hidden', 'clerk-out': 'hidden' }),
  },
  'Query.proactiveRuns': {
    document: '{ proactiveRuns(first: 1) { id } }',
    variables: () => ({}),
    expect: scoped({ 'clerk-in': 'allow', 'clerk-out': 'allow' }),
  },
  'Mutation.startProactiveRun': {
    // A month with no price index: the run finds nobody, whoever starts it.
    document:
      'mutation { startProactiveRun(input: { policy: PRICE_SUBSIDY, period: "2099-12", confirmation: { kind: STAFF_CONFIRMED, reference: "m" } }) { id } }',
    variables: () => ({}),
    expect: scoped({ 'clerk-in': 'allow', 'clerk-out': 'allow' }),
  },
  'Query.auditEvents': { document: '{ auditEvents(first: 1) { edges { node { actorRole } } } }', variables: () => ({}), expect: scoped({ admin: 'allow' }) },
  'Query.employer': {
    document: 'query ($code: String!) { employer(creditCode: $code) { name } }',
    variables: () => ({ code: '12320506466000125U' }),
    expect: scoped({ 'clerk-in': 'allow', 'clerk-out': 'allow' }),
  },
  'Query.person': {
    document: 'query ($n: String!) { person(idType: RESIDENT_ID_CARD, idNumber: $n) { id name } }',
    variables: () => ({ n: PERSON.idNumber }),
    expect: scoped({ citizen: 'allow', proxy: 'allow', 'clerk-in': 'allow' }),
  },
  'Query.socialSecurityCard': {
    document: 'query ($n: String!) { socialSecurityCard(cardNumber: $n) { cardNumber bankAccount { accountNumber } } }',
    variables: () => ({ n: 'D320102001' }),
    expect: scoped({ 'clerk-in': 'allow' }),
  },
  'Query.submission': {
    document: registered('AgentSubmission'),
    variables: () => ({ id: fixture.submissionId }),
    expect: scoped({ citizen: 'allow', proxy: 'allow', ...PROXIES_HIDDEN, 'clerk-in': 'allow', 'clerk-out': 'hidden' }, 'hidden'),
  },
  'Query.submissions': {
    document: registered('AgentSubmissions'),
    variables: () => ({ first: 100 }),
    seen: (data) => JSON.stringify(data).includes(fixture.submissionId),
    expect: scoped({ citizen: 'allow', proxy: 'allow', ...PROXIES_HIDDEN, 'clerk-in': 'allow', 'clerk-out': 'hidden' }, 'hidden'),
  },
  'Mutation.submitBundle': {
    document: registered('AgentSubmitBundle'),
    variables: (caller) => ({ input: submitInput(caller) }),
    expect: scoped({ citizen: 'allow', proxy: 'allow', ...PROXIES_REFUSED, 'clerk-in': 'allow' }, 'allow'),
  },
  'Mutation.registerDelegation': {
    document: 'mutation ($input: DelegationInput!) { registerDelegation(input: $input) { id } }',
    variables: () => ({
      input: {
        principalIdType: 'RESIDENT_ID_CARD',
        principalIdNumber: PERSON.idNumber,
        proxySubject: 'proxy-matrix-x',
        proxyName: '帮办员',
        items: ['CARD_PIN_RESET'],
        validFrom: '2026-01-01',
        validUntil: '2030-12-31',
        documentRef: 'WT-M',
      },
    }),
    expect: scoped({ citizen: 'allow', 'clerk-in': 'allow' }),
  },
  'Mutation.revokeDelegation': {
    document: 'mutation ($id: ID!) { revokeDelegation(id: $id) { id } }',
    // The one already withdrawn: withdrawing it again changes nothing, whoever may.
    variables: () => ({ id: fixture.delegations['proxy-revoked'] }),
    expect: scoped({ citizen: 'allow', 'clerk-in': 'allow', 'clerk-out': 'DELEGATION_NOT_FOUND' }),
  },
  'Mutation.decideSubmissionItem': {
    document:
      'mutation ($id: ID!) { decideSubmissionItem(submissionId: $id, itemCode: "CARD_PIN_RESET", decision: { outcome: COMPLETE, decidedBy: "m" }) { id } }',
    variables: () => ({ id: fixture.submissionId }),
    // Outside the region the submission is as absent as a missing one.
    expect: scoped({ 'clerk-in': 'allow', 'clerk-out': 'ITEM_NOT_FOUND' }),
  },
  'Mutation.recordDepartmentAnswer': {
    document:
      'mutation ($id: ID!) { recordDepartmentAnswer(submissionId: $id, itemCode: "CARD_PIN_RESET", answer: { outcome: ACCEPTED, recordedBy: "m" }) { id } }',
    variables: () => ({ id: fixture.submissionId }),
    // The back office of the submission's region (the item is not referred: ITEM_NOT_REFERRED, past the access rules).
    expect: scoped({ 'clerk-in': 'allow', 'clerk-out': 'ITEM_NOT_FOUND' }),
  },
  'Query.materialsOnFile': {
    document: 'query ($n: String!) { materialsOnFile(idType: RESIDENT_ID_CARD, idNumber: $n) { id source } }',
    variables: () => ({ n: PERSON.idNumber }),
    // The person rule, as Query.person.
    expect: scoped({ citizen: 'allow', proxy: 'allow', 'clerk-in': 'allow' }),
  },
  'Query.prefill': {
    document: 'query ($n: String!) { prefill(bundleCode: "national-unemployment", idType: RESIDENT_ID_CARD, idNumber: $n) { sharedFields { field value } } }',
    variables: () => ({ n: PERSON.idNumber }),
    // The person rule, as Query.person: the values the records hold for a form are the person's data.
    expect: scoped({ citizen: 'allow', proxy: 'allow', 'clerk-in': 'allow' }),
  },
  'Query.commitmentBreaches': {
    document: 'query ($n: String!) { commitmentBreaches(idType: RESIDENT_ID_CARD, idNumber: $n) { itemCode finding } }',
    variables: () => ({ n: PERSON.idNumber }),
    // 失信 records: counter staff of the person's region only.
    expect: scoped({ 'clerk-in': 'allow' }),
  },
  'Mutation.addSubmissionMaterial': {
    document: 'mutation ($id: ID!) { addSubmissionMaterial(submissionId: $id, itemCode: "CARD_PIN_RESET", material: "photo-2inch") { id } }',
    variables: () => ({ id: fixture.submissionId }),
    // The applicant, the proxy who submitted it (under a delegation in force), a clerk of the region; to
    // others the submission is absent. (Nothing is awaited: MATERIAL_NOT_PENDING, past the access rules.)
    expect: scoped({
      citizen: 'allow',
      proxy: 'allow',
      'proxy-expired': 'ITEM_NOT_FOUND',
      'proxy-not-yet': 'ITEM_NOT_FOUND',
      'proxy-revoked': 'ITEM_NOT_FOUND',
      'proxy-other': 'ITEM_NOT_FOUND',
      'clerk-in': 'allow',
      'clerk-out': 'ITEM_NOT_FOUND',
    }),
  },
  'Mutation.recordCommitmentVerification': {
    document:
      'mutation ($id: ID!) { recordCommitmentVerification(submissionId: $id, itemCode: "CARD_PIN_RESET", verification: { truthful: true, verifiedBy: "m" }) { id } }',
    variables: () => ({ id: fixture.submissionId }),
    // The back office of the submission's region (no commitment was signed: COMMITMENT_NOT_FOUND, past the access rules).
    expect: scoped({ 'clerk-in': 'allow', 'clerk-out': 'ITEM_NOT_FOUND' }),
  },
  'Mutation.recordCardMade': {
    document: 'mutation ($n: String!) { recordCardMade(cardNumber: $n, madeBy: "m") { status } }',
    variables: () => ({ n: 'D320102001' }),
    // The back office of the holder's region (the card is ACTIVE: CARD_TRANSITION_NOT_ALLOWED, past the access rules).
    expect: scoped({ 'clerk-in': 'allow' }),
  },
  // 好差评, 办不成事, the worklist (#13): the case's read rule, or the counter's region.
  'Query.ratings': {
    document: 'query ($id: ID!) { ratings(submissionId: $id) { level } }',
    variables: () => ({ id: fixture.submissionId }),
    seen: (data) => (data.ratings as unknown[]).length > 0,
    expect: scoped({ citizen: 'allow', proxy: 'allow', ...PROXIES_HIDDEN, 'clerk-in': 'allow', 'clerk-out': 'hidden' }, 'PERSISTED_QUERY_REQUIRED'),
  },
  'Query.ratingFollowUps': {
    document: '{ ratingFollowUps { id } }',
    variables: () => ({}),
    expect: scoped({ 'clerk-in': 'allow', 'clerk-out': 'allow' }),
  },
  'Query.notDoneReports': {
    document: '{ notDoneReports { id } }',
    variables: () => ({}),
    expect: scoped(
      {
        citizen: 'allow',
        proxy: 'allow',
        'proxy-expired': 'allow',
        'proxy-not-yet': 'allow',
        'proxy-revoked': 'allow',
        'proxy-other': 'allow',
        'clerk-in': 'allow',
        'clerk-out': 'allow',
      },
      'PERSISTED_QUERY_REQUIRED',
    ),
  },
  'Query.feedbackStatistics': {
    document: '{ feedbackStatistics { minimumGroupSize } }',
    variables: () => ({}),
    expect: scoped({ analyst: 'allow', admin: 'allow' }),
  },
  'Query.counterWorklist': {
    document: '{ counterWorklist { total } }',
    variables: () => ({}),
    expect: scoped({ 'clerk-in': 'allow', 'clerk-out': 'allow' }),
  },
  'Mutation.rateSubmission': {
    document: 'mutation ($input: RatingInput!) { rateSubmission(input: $input) { id } }',
    // Rated already in beforeAll: RATING_EXISTS is past the access rules.
    variables: () => ({ input: { submissionId: fixture.submissionId, level: 'SATISFIED', deviceId: 'matrix-01' } }),
    expect: scoped({ citizen: 'allow', proxy: 'allow', ...PROXIES_NOT_FOUND, 'clerk-in': 'allow', 'clerk-out': 'ITEM_NOT_FOUND' }, 'PERSISTED_QUERY_REQUIRED'),
  },
  'Mutation.recordRatingFollowUp': {
    document: 'mutation ($id: ID!) { recordRatingFollowUp(id: $id, handling: { reply: "m" }) { id } }',
    // No such follow-up (FOLLOW_UP_NOT_FOUND): past the scopes; the region rule is in test/feedback.test.ts.
    variables: () => ({ id: 'fol_matrix' }),
    expect: scoped({ 'clerk-in': 'allow', 'clerk-out': 'allow' }),
  },
  'Mutation.reportNotDone': {
    document: 'mutation ($input: NotDoneReportInput!) { reportNotDone(input: $input) { id } }',
    variables: () => ({ input: { submissionId: fixture.submissionId, reason: 'OTHER', detail: '矩阵' } }),
    expect: scoped({ citizen: 'allow', proxy: 'allow', ...PROXIES_NOT_FOUND, 'clerk-in': 'allow', 'clerk-out': 'ITEM_NOT_FOUND' }, 'PERSISTED_QUERY_REQUIRED'),
  },
  'Mutation.answerNotDoneReport': {
    document: 'mutation ($id: ID!) { answerNotDoneReport(id: $id, answer: { answer: "m", resolution: EXPLAINED }) { id } }',
    variables: () => ({ id: 'ndr_matrix' }),
    expect: scoped({ 'clerk-in': 'allow', 'clerk-out': 'allow' }),
  },
};

/** Every item mutation: a clerk of the applicant's region only (and the gateway itself, when dispatching). */
const ITEM_MUTATION_EXPECTATION = scoped({ 'clerk-in': 'allow' });

beforeAll(async () => {
  stack = await TestStack.start();
  const principalOf = { id_number: DEMO_PEOPLE.liuYang.idNumber };
  tokens.set('anonymous', null);
  tokens.set('citizen', await tokenFor(stack, 'citizen', { sub: 'citizen-zhangwei', id_number: PERSON.idNumber }));
  for (const proxy of ['proxy', 'proxy-expired', 'proxy-not-yet', 'proxy-revoked', 'proxy-other'] as const)
    tokens.set(proxy, await tokenFor(stack, 'proxy', { sub: `matrix-${proxy}`, ...principalOf }));
  tokens.set('clerk-in', await tokenFor(stack, 'clerk', { sub: 'clerk-nanjing', region: '3201' }));
  tokens.set('clerk-out', await tokenFor(stack, 'clerk', { sub: 'clerk-suzhou', region: '3205' }));
  tokens.set(
    'agent',
    await tokenFor(stack, 'agent', { sub: AGENT, terminal: AGENT, channel: 'BANK_AGENT', region: '3201', items: ['CARD_PIN_RESET', 'CARD_LOSS_REPORT'] }),
  );
  tokens.set('analyst', await tokenFor(stack, 'analyst'));
  tokens.set('admin', await tokenFor(stack, 'admin'));

  const delegate = async (proxySubject: string, items: string[], validFrom: string, validUntil: string) => {
    const { data, errors } = await stack.graphql<{ registerDelegation: { id: string } }>(
      'mutation ($input: DelegationInput!) { registerDelegation(input: $input) { id } }',
      {
        input: {
          principalIdType: 'RESIDENT_ID_CARD',
          principalIdNumber: PERSON.idNumber,
          proxySubject,
          proxyName: '委托代理人',
          items,
          validFrom,
          validUntil,
          documentRef: `WT-${proxySubject}`,
        },
      },
    );
    expect(errors).toBeUndefined();
    return data!.registerDelegation.id;
  };
  fixture.delegations = {
    proxy: await delegate('matrix-proxy', ['CARD_PIN_RESET'], '2026-01-01', '2030-12-31'),
    'proxy-expired': await delegate('matrix-proxy-expired', ['CARD_PIN_RESET'], '2026-01-01', '2030-12-31'),
    'proxy-not-yet': await delegate('matrix-proxy-not-yet', ['CARD_PIN_RESET'], '2031-01-01', '2031-12-31'),
    'proxy-revoked': await delegate('matrix-proxy-revoked', ['CARD_PIN_RESET'], '2026-01-01', '2030-12-31'),
    agent: await delegate(AGENT, ['CARD_PIN_RESET'], '2026-01-01', '2030-12-31'),
    'agent-expired': await delegate(AGENT, ['CARD_PIN_RESET'], '2026-01-01', '2030-12-31'),
    'agent-not-yet': await delegate(AGENT, ['CARD_PIN_RESET'], '2031-01-01', '2031-12-31'),
    'agent-revoked': await delegate(AGENT, ['CARD_PIN_RESET'], '2026-01-01', '2030-12-31'),
  };
  // Lapsed since they were registered (an expired 委托书 cannot be registered).
  await stack.databases
    .get('gateway')!
    .query("UPDATE gateway.delegation SET valid_from = '2020-01-01', valid_until = '2020-01-31' WHERE id = ANY($1)", [
      [fixture.delegations['proxy-expired'], fixture.delegations['agent-expired']],
    ]);
  await stack.databases
    .get('gateway')!
    .query('UPDATE gateway.delegation SET revoked_at = now() WHERE id = ANY($1)', [
      [fixture.delegations['proxy-revoked'], fixture.delegations['agent-revoked']],
    ]);
  // The submission every read row looks for: Zhang Wei's, taken by the proxy under the delegation in force.
  const submitted = await send('proxy', ROWS['Mutation.submitBundle']!.document, { input: submitInput('proxy') });
  expect(submitted.errors).toBeUndefined();
  fixture.submissionId = (submitted.data!.submitBundle as { id: string }).id;
  // 好差评: the applicant rates the finished case, so that the ratings rows have something to see.
  const rated = await send('citizen', 'mutation ($id: ID!) { rateSubmission(input: { submissionId: $id, level: SATISFIED }) { id } }', {
    id: fixture.submissionId,
  });
  expect(rated.errors).toBeUndefined();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('the matrix covers the schema', () => {
  it('has a row for every root field of the supergraph (item mutations: generated from the item contract)', () => {
    const missing = [
      ...rootFields('Query').map((f) => `Query.${f.name.value}`),
      ...rootFields('Mutation')
        .filter((f) => !isItemMutation(f))
        .map((f) => `Mutation.${f.name.value}`),
    ].filter((coordinate) => !ROWS[coordinate]);
    expect(missing).toEqual([]);
    expect(rootFields('Mutation').filter(isItemMutation).length).toBeGreaterThan(20);
  });
});

describe.each(Object.keys(ROWS))('%s', (coordinate) => {
  const row = ROWS[coordinate]!;
  const field = coordinate.split('.')[1]!;
  it.each(CALLERS)('as %s', async (caller) => {
    const response = await send(caller, row.document, row.variables(caller));
    expect({ caller, outcome: outcomeOf(response, field, row.seen ?? (() => true)) }).toEqual({ caller, outcome: row.expect[caller] });
  });
});

describe('direct item mutations', () => {
  const catalog = loadCatalog();
  const itemOf = new Map([...catalog.items.values()].filter((item) => item.mutation).map((item) => [item.mutation!, item.code]));
  const mutations = rootFields('Mutation').filter(isItemMutation);
  const operationOf = (field: FieldDefinitionNode) => {
    const input = field.arguments!.find((a) => a.name.value === 'input');
    return input
      ? `mutation ($input: ${typeText(input.type)}, $dispatch: ItemDispatchInput!) { ${field.name.value}(input: $input, dispatch: $dispatch) { status } }`
      : `mutation ($dispatch: ItemDispatchInput!) { ${field.name.value}(dispatch: $dispatch) { status } }`;
  };
  const variablesOf = (field: FieldDefinitionNode, dispatch: Record<string, unknown>) => {
    const input = field.arguments!.find((a) => a.name.value === 'input');
    return { ...(input ? { input: sample(input.type) } : {}), dispatch };
  };

  describe.each(mutations.map((f) => [f.name.value, f] as const))('Mutation.%s', (name, field) => {
    const itemCode = itemOf.get(name);
    it('is an item of the catalog', () => expect(itemCode).toBeDefined());
    it.each(CALLERS)('as %s', async (caller) => {
      const dispatch = dispatchFor(stack, PERSON, itemCode!, { channel: 'COUNTER' });
      const response = await send(caller, operationOf(field), variablesOf(field, dispatch));
      expect({ caller, outcome: outcomeOf(response, name, () => true) }).toEqual({ caller, outcome: ITEM_MUTATION_EXPECTATION[caller] });
    });
    it('with an applicant whose personId is not its document’s key: APPLICANT_KEY_MISMATCH, even for a clerk of the region', async () => {
      const dispatch = {
        ...dispatchFor(stack, PERSON, itemCode!, { channel: 'COUNTER' }),
        applicant: { ...applicantOf(stack, PERSON), personId: keyOf(DEMO_PEOPLE.liNa) },
      };
      const response = await send('clerk-in', operationOf(field), variablesOf(field, dispatch));
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'APPLICANT_KEY_MISMATCH', field: 'dispatch.applicant.personId' });
    });
  });
});

describe('agent terminals: agreement, region, channel, presence and delegation', () => {
  const submit = registered('AgentSubmitBundle');
  const pin = [{ code: 'CARD_PIN_RESET', fields: { operation: 'RESET' } }];
  const present = { channel: 'BANK_AGENT', presence: { verifiedBy: 'ID_CARD_READER' } };
  const underDelegation = (id: string) => ({ channel: 'BANK_AGENT', presence: { verifiedBy: 'DELEGATION' }, delegationId: id });
  const cases: ReadonlyArray<readonly [string, () => Record<string, unknown>, Expectation, string | null]> = [
    ['present, in region, own channel, item of the agreement', () => cardApplication(PERSON, pin, present), 'allow', null],
    ['an item outside the agreement', () => cardApplication(PERSON, [{ code: 'CARD_ENABLE' }], present), 'FORBIDDEN', 'items.CARD_ENABLE'],
    ['a person outside the region', () => cardApplication(DEMO_PEOPLE.liNa, pin, present), 'FORBIDDEN', 'sharedFields.idNumber'],
    ['another channel', () => cardApplication(PERSON, pin, { ...present, channel: 'POST_AGENT' }), 'FORBIDDEN', 'channel'],
    ['nobody present and no delegation', () => cardApplication(PERSON, pin, { channel: 'BANK_AGENT' }), 'FORBIDDEN', 'presence'],
    ['under a delegation in force to the terminal', () => cardApplication(PERSON, pin, underDelegation(fixture.delegations.agent!)), 'allow', null],
    ['under an expired delegation', () => cardApplication(PERSON, pin, underDelegation(fixture.delegations['agent-expired']!)), 'FORBIDDEN', 'delegationId'],
    [
      'under a delegation not yet valid',
      () => cardApplication(PERSON, pin, underDelegation(fixture.delegations['agent-not-yet']!)),
      'FORBIDDEN',
      'delegationId',
    ],
    ['under a revoked delegation', () => cardApplication(PERSON, pin, underDelegation(fixture.delegations['agent-revoked']!)), 'FORBIDDEN', 'delegationId'],
    [
      'under a delegation issued to another proxy',
      () => cardApplication(PERSON, pin, underDelegation(fixture.delegations.proxy!)),
      'FORBIDDEN',
      'delegationId',
    ],
    [
      'under a delegation not covering the item',
      () => cardApplication(PERSON, [{ code: 'CARD_LOSS_REPORT', fields: { operation: 'TEMPORARY_LOSS' } }], underDelegation(fixture.delegations.agent!)),
      'FORBIDDEN',
      'items.CARD_LOSS_REPORT',
    ],
  ];
  it.each(cases)('%s', async (_, input, expectation, field) => {
    const response = await send('agent', submit, { input: input() });
    expect(outcomeOf(response, 'submitBundle', () => true)).toBe(expectation);
    if (field) expect(response.errors![0]!.extensions!.field).toBe(field);
  });

  it('reads what it submitted, and nothing else', async () => {
    const taken = await send('agent', submit, { input: cardApplication(PERSON, pin, present) });
    const id = (taken.data!.submitBundle as { id: string }).id;
    expect(outcomeOf(await send('agent', registered('AgentSubmission'), { id }), 'submission', () => true)).toBe('allow');
    expect(outcomeOf(await send('agent', registered('AgentSubmission'), { id: fixture.submissionId }), 'submission', () => true)).toBe('hidden');
  });
});

describe('proxies: the items of the delegation', () => {
  it('a proxy under a delegation in force is refused an item it does not cover', async () => {
    const input = cardApplication(PERSON, [{ code: 'CARD_LOSS_REPORT', fields: { operation: 'TEMPORARY_LOSS' } }], { delegationId: fixture.delegations.proxy });
    const response = await send('proxy', registered('AgentSubmitBundle'), { input });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'items.CARD_LOSS_REPORT' });
  });
});
