import { describe, expect, it } from '@jest/globals';
import type { DemoPerson } from '../src/demo/demo-data.js';
import { CARD_STATES, moveCard, NEXT_STATES } from '../subgraphs/card/card-lifecycle.js';
import { cardApplication, SUBMIT, type Submitted } from './support/forms.js';
import { decideItem, dispatchFor, newcomerIdNumber, OUTCOME_FIELDS, type Outcome } from './support/items.js';
import { tokenFor } from './support/tokens.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();

let serial = 0;
function newcomer(): DemoPerson {
  serial += 1;
  const birthDate = `19${80 + serial}-03-0${1 + (serial % 9)}`;
  return {
    idType: 'RESIDENT_ID_CARD',
    idNumber: newcomerIdNumber(birthDate, 'FEMALE'),
    name: '周卡测',
    gender: 'FEMALE',
    birthDate,
    phone: '13900000011',
    householdAddress: '江苏省南京市玄武区示例路1号',
    residenceAddress: '江苏省南京市玄武区示例路1号',
    ethnicity: '汉族',
  };
}

type Item = { code: string; fields?: Record<string, unknown> };
type GraphqlReply<T> = { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };

/** One item of 申领社会保障卡“一件事”, submitted through the gateway at the counter; its outcome. */
async function submit(person: DemoPerson, item: Item, overrides: Record<string, unknown> = {}) {
  const reply = await stack.graphql<{ submitBundle: Submitted }>(SUBMIT, { input: cardApplication(person, [item], overrides) });
  expect(reply.errors).toBeUndefined();
  const submission = reply.data!.submitBundle;
  return { submission, item: submission.items.find((i) => i.itemCode === item.code)! };
}

const apply = (person: DemoPerson) => submit(person, { code: 'CARD_APPLICATION', fields: { deliveryMethod: 'PICKUP' } });
const loss = (person: DemoPerson, operation: string) => submit(person, { code: 'CARD_LOSS_REPORT', fields: { operation } });

async function expectRefused(pending: Promise<{ item: { status: string; rejection: { code: string } | null } }>, code: string) {
  const { item } = await pending;
  expect(item).toMatchObject({ status: 'REJECTED', rejection: { code } });
}

const DECIDE = `mutation ($id: ID!, $code: String!, $decision: SubmissionItemDecisionInput!) {
  decideSubmissionItem(submissionId: $id, itemCode: $code, decision: $decision) { status items { itemCode status } } }`;

const decide = (submissionId: string, itemCode: string, outcome: 'COMPLETE' | 'REJECT') =>
  stack.graphql<{ decideSubmissionItem: { status: string } }>(DECIDE, {
    id: submissionId,
    code: itemCode,
    decision: outcome === 'COMPLETE' ? { outcome, decidedBy: 'counter-021' } : { outcome, reason: '照片不合格', decidedBy: 'counter-021' },
  });

const MADE = 'mutation ($n: String!) { recordCardMade(cardNumber: $n, madeBy: "factory-3") { cardNumber status } }';
const made = (cardNumber: string, token?: string) =>
  stack.graphql<{ recordCardMade: { cardNumber: string; status: string } }>(MADE, { n: cardNumber }, undefined, token === undefined ? {} : { token });

interface CardView {
  cardNumber: string;
  status: string;
  history: { from: string | null; to: string; event: string; channel: string | null }[];
}
const CARD_FIELDS = 'cardNumber status history { from to event channel }';

async function cardOf(person: DemoPerson): Promise<CardView | null> {
  const reply = await stack.graphql<{ person: { socialSecurityCard: CardView | null } }>(
    `query ($n: String!) { person(idType: RESIDENT_ID_CARD, idNumber: $n) { socialSecurityCard { ${CARD_FIELDS} } } }`,
    { n: person.idNumber },
  );
  expect(reply.errors).toBeUndefined();
  return reply.data!.person.socialSecurityCard;
}

async function cardByNumber(cardNumber: string): Promise<CardView> {
  const reply = await stack.graphql<{ socialSecurityCard: CardView }>(`query ($n: String!) { socialSecurityCard(cardNumber: $n) { ${CARD_FIELDS} } }`, {
    n: cardNumber,
  });
  expect(reply.errors).toBeUndefined();
  return reply.data!.socialSecurityCard;
}

const transitionRefused = (reply: GraphqlReply<unknown>, from: string, to: string) =>
  expect(reply.errors?.[0]?.extensions).toMatchObject({ code: 'CARD_TRANSITION_NOT_ALLOWED', from, to });

describe('the card lifecycle, through the gateway', () => {
  it('walks APPLIED → MADE → ISSUED → ACTIVE ↔ reported lost → REISSUED, refusing every move the state does not allow, and records each move', async () => {
    const person = newcomer();

    // APPLIED: the card exists from the 申领, with its number.
    const application = await apply(person);
    expect(application.item.status).toBe('ACCEPTED');
    const first = (await cardOf(person))!;
    expect(first.status).toBe('APPLIED');
    // Not made yet: it cannot be handed over, enabled, reported lost or reissued; no second application.
    const early = await decide(application.submission.id, 'CARD_APPLICATION', 'COMPLETE');
    expect(early.errors![0]).toMatchObject({
      message: 'the card cannot go from APPLIED to ISSUED',
      extensions: { code: 'CARD_TRANSITION_NOT_ALLOWED', field: 'decision.outcome' },
    });
    await expectRefused(submit(person, { code: 'CARD_ENABLE' }), 'CARD_NOT_ISSUED');
    await expectRefused(loss(person, 'TEMPORARY_LOSS'), 'CARD_NOT_ISSUED');
    await expectRefused(submit(person, { code: 'CARD_REISSUE', fields: { reason: '遗失' } }), 'CARD_NOT_ISSUED');
    await expectRefused(apply(person), 'CARD_APPLICATION_OPEN');

    // MADE (back office), once.
    expect((await made(first.cardNumber)).data!.recordCardMade.status).toBe('MADE');
    transitionRefused(await made(first.cardNumber), 'MADE', 'MADE');
    await expectRefused(submit(person, { code: 'CARD_ENABLE' }), 'CARD_NOT_ISSUED');

    // ISSUED: completing the 申领 hands it over; not yet usable.
    expect((await decide(application.submission.id, 'CARD_APPLICATION', 'COMPLETE')).data!.decideSubmissionItem.status).toBe('COMPLETED');
    expect((await cardOf(person))!.status).toBe('ISSUED');
    transitionRefused(await made(first.cardNumber), 'ISSUED', 'MADE');
    // In the holder's hands, its bank function may work already: it can be reported lost, cannot be
    // enabled while lost, and 解挂 returns it to ISSUED (not ACTIVE: enabling stays its own step).
    expect((await loss(person, 'TEMPORARY_LOSS')).item.status).toBe('COMPLETED');
    expect((await cardOf(person))!.status).toBe('TEMPORARILY_LOST');
    await expectRefused(submit(person, { code: 'CARD_ENABLE' }), 'CARD_REPORTED_LOST');
    expect((await loss(person, 'UNLOCK')).item.status).toBe('COMPLETED');
    expect((await cardOf(person))!.status).toBe('ISSUED');
    await expectRefused(submit(person, { code: 'CARD_PIN_RESET', fields: { operation: 'RESET' } }), 'CARD_NOT_ENABLED');
    await expectRefused(submit(person, { code: 'CARD_BANK_ACTIVATION' }), 'CARD_NOT_ENABLED');
    await expectRefused(apply(person), 'CARD_ALREADY_HELD');

    // ACTIVE: 社保功能启用, once.
    expect((await submit(person, { code: 'CARD_ENABLE' })).item.status).toBe('COMPLETED');
    await expectRefused(submit(person, { code: 'CARD_ENABLE' }), 'CARD_ALREADY_ENABLED');
    await expectRefused(loss(person, 'UNLOCK'), 'CARD_NOT_LOST');
    // Reissue only after a loss report.
    await expectRefused(submit(person, { code: 'CARD_REISSUE', fields: { reason: '遗失' } }), 'CARD_NOT_LOST');

    // ACTIVE → TEMPORARILY_LOST → ACTIVE; no transaction on a lost card.
    expect((await loss(person, 'TEMPORARY_LOSS')).item.status).toBe('COMPLETED');
    await expectRefused(loss(person, 'TEMPORARY_LOSS'), 'CARD_ALREADY_LOST');
    await expectRefused(submit(person, { code: 'CARD_PIN_RESET', fields: { operation: 'RESET' } }), 'CARD_REPORTED_LOST');
    await expectRefused(submit(person, { code: 'CARD_RENEWAL', fields: { reason: '芯片损坏' } }), 'CARD_REPORTED_LOST');
    await expectRefused(submit(person, { code: 'CARD_REPLACEMENT', fields: { reason: '更换' } }), 'CARD_REPORTED_LOST');
    expect((await loss(person, 'UNLOCK')).item.status).toBe('COMPLETED');
    // ACTIVE → TEMPORARILY_LOST → LOST → ACTIVE → LOST
    expect((await loss(person, 'TEMPORARY_LOSS')).item.status).toBe('COMPLETED');
    expect((await loss(person, 'FORMAL_LOSS')).item.status).toBe('COMPLETED');
    await expectRefused(loss(person, 'FORMAL_LOSS'), 'CARD_ALREADY_LOST');
    await expectRefused(submit(person, { code: 'CARD_BANK_ACTIVATION' }), 'CARD_REPORTED_LOST');
    expect((await loss(person, 'UNLOCK')).item.status).toBe('COMPLETED');
    expect((await loss(person, 'FORMAL_LOSS')).item.status).toBe('COMPLETED');

    // LOST → REISSUED: a new card, ISSUED, in place of the lost one; the lost one can no longer be unlocked.
    const reissue = await submit(person, { code: 'CARD_REISSUE', fields: { reason: '社保卡遗失' } });
    expect(reissue.item.status).toBe('ACCEPTED');
    await expectRefused(loss(person, 'UNLOCK'), 'REPLACEMENT_ALREADY_APPLIED');
    expect((await decide(reissue.submission.id, 'CARD_REISSUE', 'COMPLETE')).errors).toBeUndefined();
    const second = (await cardOf(person))!;
    expect(second.cardNumber).not.toBe(first.cardNumber);
    expect(second).toMatchObject({ status: 'ISSUED', history: [{ from: null, to: 'ISSUED', event: 'ISSUED', channel: 'COUNTER' }] });

    // The lost card is REISSUED, final, with every move it made.
    const old = await cardByNumber(first.cardNumber);
    expect(old.status).toBe('REISSUED');
    transitionRefused(await made(first.cardNumber), 'REISSUED', 'MADE');
    expect(old.history.map(({ from, to, event }) => [from, to, event])).toEqual([
      [null, 'APPLIED', 'APPLIED'],
      ['APPLIED', 'MADE', 'MADE'],
      ['MADE', 'ISSUED', 'ISSUED'],
      ['ISSUED', 'TEMPORARILY_LOST', 'TEMPORARY_LOSS'],
      ['TEMPORARILY_LOST', 'ISSUED', 'UNLOCKED'],
      ['ISSUED', 'ACTIVE', 'ENABLED'],
      ['ACTIVE', 'TEMPORARILY_LOST', 'TEMPORARY_LOSS'],
      ['TEMPORARILY_LOST', 'ACTIVE', 'UNLOCKED'],
      ['ACTIVE', 'TEMPORARILY_LOST', 'TEMPORARY_LOSS'],
      ['TEMPORARILY_LOST', 'LOST', 'FORMAL_LOSS'],
      ['LOST', 'ACTIVE', 'UNLOCKED'],
      ['ACTIVE', 'LOST', 'FORMAL_LOSS'],
      ['LOST', 'REISSUED', 'REISSUED'],
    ]);
    expect(old.history.every((move) => move.channel === 'COUNTER')).toBe(true);
  });

  it('cancels a card from any state in force: a rejected application (APPLIED, MADE), a renewal (ISSUED), 注销 after death (LOST); a cancelled card takes no transaction', async () => {
    // APPLIED → CANCELLED: the application rejected; one may apply again.
    const early = newcomer();
    const rejected = await apply(early);
    const applied = (await cardOf(early))!;
    expect((await decide(rejected.submission.id, 'CARD_APPLICATION', 'REJECT')).errors).toBeUndefined();
    expect(await cardOf(early)).toBeNull();
    expect((await cardByNumber(applied.cardNumber)).history.at(-1)).toMatchObject({ from: 'APPLIED', to: 'CANCELLED', event: 'APPLICATION_REJECTED' });
    transitionRefused(await made(applied.cardNumber), 'CANCELLED', 'MADE');
    await expectRefused(submit(early, { code: 'CARD_ENABLE' }), 'NO_CARD_IN_FORCE');

    // MADE → CANCELLED
    const again = await apply(early);
    const remade = (await cardOf(early))!;
    expect(remade.cardNumber).not.toBe(applied.cardNumber);
    await made(remade.cardNumber);
    await decide(again.submission.id, 'CARD_APPLICATION', 'REJECT');
    expect((await cardByNumber(remade.cardNumber)).history.at(-1)).toMatchObject({ from: 'MADE', to: 'CANCELLED' });

    // ISSUED → CANCELLED: 换领 of a damaged card replaces it with a new one.
    const renewing = newcomer();
    const application = await apply(renewing);
    const issued = (await cardOf(renewing))!;
    await made(issued.cardNumber);
    await decide(application.submission.id, 'CARD_APPLICATION', 'COMPLETE');
    const renewal = await submit(renewing, { code: 'CARD_RENEWAL', fields: { reason: '芯片损坏' } });
    expect(renewal.item.status).toBe('ACCEPTED');
    await decide(renewal.submission.id, 'CARD_RENEWAL', 'COMPLETE');
    expect((await cardByNumber(issued.cardNumber)).history.at(-1)).toMatchObject({ from: 'ISSUED', to: 'CANCELLED', event: 'REPLACED' });
    expect((await cardOf(renewing))!.status).toBe('ISSUED');

    // LOST → CANCELLED: 社保功能注销 after the holder's death, dispatched by a clerk through the gateway.
    const holder = newcomer();
    const issue = await apply(holder);
    const card = (await cardOf(holder))!;
    await made(card.cardNumber);
    await decide(issue.submission.id, 'CARD_APPLICATION', 'COMPLETE');
    await submit(holder, { code: 'CARD_ENABLE' });
    await loss(holder, 'FORMAL_LOSS');
    const dispatch = dispatchFor(stack, holder, 'CARD_CANCELLATION', {
      channel: 'COUNTER',
      sharedFields: { deathDate: '2026-11-01', agentName: '周家属', agentIdNumber: '110101195001011234', agentRelationship: '子女', agentPhone: '13900000012' },
    });
    const cancel = await stack.graphql<{ outcome: Outcome }>(
      `mutation ($dispatch: ItemDispatchInput!) { outcome: cancelSocialSecurityCard(dispatch: $dispatch) { ${OUTCOME_FIELDS} } }`,
      { dispatch },
    );
    expect(cancel.data!.outcome.status).toBe('ACCEPTED');
    // The decision mutation is the gateway's (decideSubmissionItem) for submitted items; this item was dispatched alone.
    expect((await decideItem(stack, 'card', dispatch.idempotencyKey, { outcome: 'COMPLETE', decidedBy: 'counter-021' })).data!.outcome.status).toBe(
      'COMPLETED',
    );
    expect(await cardOf(holder)).toBeNull();
    expect((await cardByNumber(card.cardNumber)).history.at(-1)).toMatchObject({ from: 'LOST', to: 'CANCELLED', event: 'HOLDER_DIED' });
    await expectRefused(loss(holder, 'UNLOCK'), 'NO_CARD_IN_FORCE');
  });

  it('only the back office records a card made, for a card it may reach', async () => {
    const person = newcomer();
    await apply(person);
    const card = (await cardOf(person))!;
    const citizen = await tokenFor(stack, 'citizen', { id_number: person.idNumber });
    expect((await made(card.cardNumber, citizen)).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const elsewhere = await tokenFor(stack, 'clerk', { region: '4401' });
    expect((await made(card.cardNumber, elsewhere)).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await made('K000000000')).errors![0]!.extensions).toMatchObject({ code: 'CARD_NOT_FOUND', field: 'cardNumber' });
    expect((await cardOf(person))!.status).toBe('APPLIED');
  });
});

describe('申领 by post asks the mailing address once, in the shared fields', () => {
  it('refuses 邮寄 without it (FIELD_REQUIRED at sharedFields.mailing*), stores nothing, and mails the card to it when given', async () => {
    const person = newcomer();
    const mailed = { code: 'CARD_APPLICATION', fields: { deliveryMethod: 'MAIL' } };
    const missing = await stack.graphql(SUBMIT, { input: cardApplication(person, [mailed]) });
    expect(missing.errors![0]!.extensions).toMatchObject({
      code: 'BUNDLE_INVALID',
      errors: [
        { code: 'FIELD_REQUIRED', field: 'sharedFields.mailingAddress' },
        { code: 'FIELD_REQUIRED', field: 'sharedFields.mailingRecipient' },
        { code: 'FIELD_REQUIRED', field: 'sharedFields.mailingPhone' },
      ],
    });
    const cards = await stack.databases
      .get('card')!
      .query('SELECT 1 FROM card.social_security_card WHERE person_key = $1', [dispatchFor(stack, person, 'X').applicant.personId]);
    expect(cards).toEqual([]);
    // The item has no address field of its own any more.
    const twice = await stack.graphql(SUBMIT, {
      input: cardApplication(person, [{ code: 'CARD_APPLICATION', fields: { deliveryMethod: 'MAIL', deliveryAddress: '南京市' } }]),
    });
    expect(twice.errors![0]!.extensions).toMatchObject({
      code: 'BUNDLE_INVALID',
      errors: expect.arrayContaining([{ code: 'FIELD_UNKNOWN', field: 'items.CARD_APPLICATION.deliveryAddress', message: expect.any(String) }]),
    });

    const input = cardApplication(person, [mailed]);
    const mailing = { mailingAddress: '江苏省南京市鼓楼区示例路8号', mailingRecipient: '周卡测', mailingPhone: '13900000013' };
    const reply = await stack.graphql<{ submitBundle: { items: { status: string; reference: string }[] } }>(SUBMIT, {
      input: { ...input, sharedFields: { ...input.sharedFields, ...mailing } },
    });
    expect(reply.errors).toBeUndefined();
    expect(reply.data!.submitBundle.items[0]!.status).toBe('ACCEPTED');
    const [application] = await stack.databases
      .get('card')!
      .query('SELECT delivery_method, delivery_address, delivery_recipient, delivery_phone FROM card.card_application WHERE application_number = $1', [
        reply.data!.submitBundle.items[0]!.reference,
      ]);
    expect(application).toEqual({
      delivery_method: 'MAIL',
      delivery_address: mailing.mailingAddress,
      delivery_recipient: '周卡测',
      delivery_phone: '13900000013',
    });
  });
});

describe('the state machine itself', () => {
  it('allows exactly the moves of NEXT_STATES, from each of the eight states to each, and records only those', async () => {
    const db = stack.databases.get('card')!;
    const holder = 'lifecycle-test-holder';
    await db.query(
      `INSERT INTO card.person (person_key, name, gender, birth_date, id_type, id_number) VALUES ($1, '状态机', 'MALE', '1980-01-01', 'PASSPORT', 'E00000001')`,
      [holder],
    );
    let n = 0;
    for (const from of CARD_STATES) {
      for (const to of CARD_STATES) {
        n += 1;
        // A card in `from` (each is made final afterwards: one card in force per person).
        const number = `T${String(n).padStart(9, '0')}`;
        await db.query('INSERT INTO card.social_security_card (card_number, person_key, status) VALUES ($1, $2, $3)', [number, holder, from]);
        const moved = await db
          .transaction((tx) => moveCard(tx, number, to, { event: 'MIGRATED', by: 'test' }))
          .then(
            () => true,
            (error: { extensions?: { code?: string } }) => {
              expect(error.extensions?.code).toBe('CARD_TRANSITION_NOT_ALLOWED');
              return false;
            },
          );
        const [row] = await db.query<{ status: string }>('SELECT status FROM card.social_security_card WHERE card_number = $1', [number]);
        const stored = await db.query('SELECT 1 FROM card.card_transition WHERE card_number = $1', [number]);
        const allowed = NEXT_STATES[from].includes(to);
        expect({ from, to, moved, status: row!.status, recorded: stored.length }).toEqual({
          from,
          to,
          moved: allowed,
          status: allowed ? to : from,
          recorded: allowed ? 1 : 0,
        });
        await db.query(`UPDATE card.social_security_card SET status = 'CANCELLED' WHERE card_number = $1`, [number]);
      }
    }
  });
});
