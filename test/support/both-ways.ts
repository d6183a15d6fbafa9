import { expect } from '@jest/globals';
import { entriesFor, type Catalog } from '../../src/catalog/index.js';
import { addDays } from '../../src/policy/calendar.js';
import { SUBMIT, SUBMISSION_FIELDS, wholeApplication, type FormPerson, type Submitted, type SubmittedItem, type WholeForm } from './forms.js';
import { finishInOrder } from './cases.js';
import { newcomerIdNumber } from './items.js';
import type { TestStack } from './stack.js';

// What the "every item accepted and rejected through the gateway" files share (issues #10, #11):
// a form with one item chosen, submitted through submitBundle, and the counter's completion.

/** One item of a bundle, submitted with a valid form; `with` keeps others beside it (a serial bundle's required items). */
export interface OneItem extends Omit<WholeForm, 'without' | 'fields'> {
  readonly item: string;
  readonly with?: readonly string[];
  readonly fields?: Record<string, Record<string, unknown>>;
}

/** Per item, how it is accepted (or completed) and how a rule of its subgraph rejects it. */
export interface BothWays {
  readonly accepted: SubmittedItem;
  readonly rejected: SubmittedItem;
}
export interface Row {
  /** The reason code the rejection must carry. */
  readonly code: string;
  /** The field at fault it must name (null: the person's records, no field of the form), where the table checks it. */
  readonly field?: string | null;
  readonly run: () => Promise<BothWays>;
}

/** The codes of the items the catalog gives to these subgraphs (items of other departments are referred, not handled). */
export const itemsOwnedBy = (catalog: Catalog, subgraphs: readonly string[]) =>
  [...catalog.items.values()]
    .filter((item) => item.owner.kind === 'subgraph' && subgraphs.includes(item.owner.subgraph))
    .map((item) => item.code)
    .sort();

export const itemOf = (submission: Submitted, code: string): SubmittedItem => {
  const item = submission.items.find((i) => i.itemCode === code);
  expect(item).toBeDefined();
  return item!;
};

const DECIDE = `mutation ($id: ID!, $code: String!, $decision: SubmissionItemDecisionInput!) {
  decideSubmissionItem(submissionId: $id, itemCode: $code, decision: $decision) { ${SUBMISSION_FIELDS} } }`;

let serial = 0;

/** The submissions of one test file, through its stack's gateway. */
export function bothWays(stack: TestStack, catalog: Catalog) {
  /**
   * A valid form of the bundle with only `item` (and `with`) chosen; the submission through the
   * gateway. A serial case sends each item once the one before it is finished: unless `finish` is
   * false, the counter completes them in order until none waits.
   */
  async function submitOnly(form: OneItem, { finish = true } = {}): Promise<Submitted> {
    const bundle = catalog.bundles.get(form.bundleCode)!;
    const scenario = form.scenario ? bundle.scenarios.find((s) => s.code === form.scenario)! : null;
    const keep = new Set([form.item, ...(form.with ?? [])]);
    const without = entriesFor(bundle, scenario)
      .map((e) => e.code)
      .filter((code) => !keep.has(code));
    const input = wholeApplication(catalog, { ...form, without });
    const { data, errors } = await stack.graphql<{ submitBundle: Submitted }>(SUBMIT, { input });
    expect(errors).toBeUndefined();
    return finish ? finishInOrder(stack, data!.submitBundle) : data!.submitBundle;
  }

  const submissionOf = async (submission: Submitted): Promise<Submitted> =>
    (await stack.graphql<{ submission: Submitted }>(`query ($id: ID!) { submission(id: $id) { ${SUBMISSION_FIELDS} } }`, { id: submission.id })).data!
      .submission;

  /** The counter completes an accepted item (a clerk's decision through the gateway). */
  async function complete(submission: Submitted, code: string): Promise<SubmittedItem> {
    const { data, errors } = await stack.graphql<{ decideSubmissionItem: Submitted }>(DECIDE, {
      id: submission.id,
      code,
      decision: { outcome: 'COMPLETE', decidedBy: 'counter-both-ways' },
    });
    expect(errors).toBeUndefined();
    const item = itemOf(data!.decideSubmissionItem, code);
    expect(item.status).toBe('COMPLETED');
    return item;
  }

  return {
    submitOnly,
    submissionOf,
    complete,
    outcome: async (form: OneItem) => itemOf(await submitOnly(form), form.item),
    /** Submits the item, checks it was accepted, and completes it at the counter. */
    completed: async (form: OneItem): Promise<SubmittedItem> => {
      const submission = await submitOnly(form);
      expect(itemOf(submission, form.item)).toMatchObject({ status: 'ACCEPTED', rejection: null });
      return complete(submission, form.item);
    },
  };
}

/**
 * A person unknown to every subgraph, born `birthDate` (or some day from 1985 on). Their ID is
 * issued in `region`: by default 浦口 (320111), where no demo social insurance agency is, so no
 * insurance item handles them by chance; 玄武 (320102) has one.
 */
export function newcomer(options: { gender?: 'MALE' | 'FEMALE'; birthDate?: string; region?: string } = {}): FormPerson {
  serial += 1;
  const gender = options.gender ?? 'FEMALE';
  const birthDate = options.birthDate ?? addDays('1985-01-01', serial * 41);
  return {
    idType: 'RESIDENT_ID_CARD',
    // The file's serial number orders them: two newcomers born the same day never share a number.
    idNumber: newcomerIdNumber(birthDate, gender, options.region ?? '320111', serial % 500),
    name: `两办${serial}`,
    gender,
    birthDate,
    phone: '13900000021',
  };
}
