import { describe, expect, it } from '@jest/globals';
import { DEMO_PEOPLE, type DemoPerson } from '../src/demo/demo-data.js';
import { decideItem, dispatchFor, dispatchItem, entityOf, type Outcome } from './support/items.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();

const apply = (dispatch: ReturnType<typeof dispatchFor>, input: Record<string, unknown> = { deliveryMethod: 'PICKUP' }) =>
  dispatchItem(stack, dispatch, input, 'CARD_APPLICATION');
const applicationsOf = async (personId: string) =>
  stack.databases
    .get('card')!
    .query<{ application_number: string; status: string }>('SELECT application_number, status FROM card.card_application WHERE person_key = $1', [personId]);

/** The back office records the person's card made (APPLIED → MADE), through the gateway. */
async function made(person: DemoPerson): Promise<void> {
  const [card] = await stack.databases
    .get('card')!
    .query<{ card_number: string }>(`SELECT card_number FROM card.social_security_card WHERE person_key = $1 AND status = 'APPLIED'`, [
      dispatchFor(stack, person, 'X').applicant.personId,
    ]);
  const reply = await stack.graphql('mutation ($n: String!) { recordCardMade(cardNumber: $n, madeBy: "factory-1") { status } }', { n: card!.card_number });
  expect(reply).toEqual({ data: { recordCardMade: { status: 'MADE' } } });
}

const historyOf = async (recordId: string) =>
  stack.databases
    .get('card')!
    .query<{ record_type: string; status: string; changed_by: string }>(
      'SELECT record_type, status, changed_by FROM card.record_history WHERE record_id = $1 ORDER BY history_id',
      [recordId],
    );

describe('CARD_APPLICATION (applySocialSecurityCard)', () => {
  it('accepts an application of someone without a card, records it once per idempotency key, and issues the card when the counter completes it', async () => {
    // By post: the address is the form's one mailing address, in the shared fields.
    const mailing = { mailingAddress: '江苏省南京市玄武区示例公寓4号', mailingRecipient: '刘洋', mailingPhone: '13800000004' };
    const dispatch = dispatchFor(stack, DEMO_PEOPLE.liuYang, 'CARD_APPLICATION', { sharedFields: mailing });
    const input = { deliveryMethod: 'MAIL' };
    const first = await apply(dispatch, input);
    expect(first.errors).toBeUndefined();
    expect(first.data!.outcome).toMatchObject({ itemCode: 'CARD_APPLICATION', status: 'ACCEPTED', recordType: 'CardApplication', rejection: null });
    expect(first.data!.outcome.reference).toMatch(/^SQ\d{8}\d{6}$/);

    // The same key again, twice at once: the first outcome, and still one record.
    const [again, concurrent] = await Promise.all([apply(dispatch, input), apply(dispatch, input)]);
    expect(again.data!.outcome).toEqual(first.data!.outcome);
    expect(concurrent.data!.outcome).toEqual(first.data!.outcome);
    expect(await applicationsOf(dispatch.applicant.personId)).toEqual([{ application_number: first.data!.outcome.recordId, status: 'ACCEPTED' }]);

    expect(await entityOf(stack, 'card', 'CardApplication', first.data!.outcome.recordId!, 'deliveryMethod deliveryAddress issuedCard { status }')).toEqual({
      deliveryMethod: 'MAIL',
      deliveryAddress: mailing.mailingAddress,
      issuedCard: { status: 'APPLIED' },
    });
    await made(DEMO_PEOPLE.liuYang);
    const decided = await decideItem(stack, 'card', dispatch.idempotencyKey, { outcome: 'COMPLETE', decidedBy: 'counter-007' });
    expect(decided.data!.outcome.status).toBe('COMPLETED');
    const { data } = await stack.graphql<{ person: { socialSecurityCard: { status: string; cardNumber: string } } }>(
      'query ($n: String!) { person(idType: RESIDENT_ID_CARD, idNumber: $n) { socialSecurityCard { status cardNumber } } }',
      { n: DEMO_PEOPLE.liuYang.idNumber },
    );
    expect(data!.person.socialSecurityCard.status).toBe('ISSUED');
    // The record engine keeps each change of status: who, through what.
    expect(await historyOf(first.data!.outcome.recordId!)).toEqual([
      { record_type: 'CardApplication', status: 'ACCEPTED', changed_by: dispatch.applicant.personId },
      { record_type: 'CardApplication', status: 'COMPLETED', changed_by: 'counter-007' },
    ]);
    // Deciding again the same way is harmless; the other way is refused.
    expect((await decideItem(stack, 'card', dispatch.idempotencyKey, { outcome: 'COMPLETE', decidedBy: 'counter-007' })).data!.outcome.status).toBe(
      'COMPLETED',
    );
    const contrary = await decideItem(stack, 'card', dispatch.idempotencyKey, { outcome: 'REJECT', reason: 'x', decidedBy: 'counter-007' });
    expect(contrary.errors![0]!.extensions).toMatchObject({ code: 'ITEM_NOT_PENDING' });
  });

  it('refuses 邮寄 without the mailing address in the shared fields (MAILING_ADDRESS_REQUIRED), and records nothing', async () => {
    const person = freshPerson();
    const partial = dispatchFor(stack, person, 'CARD_APPLICATION', {
      sharedFields: { mailingAddress: '江苏省南京市玄武区示例路9号', mailingPhone: '13800000009' },
    });
    const { data } = await apply(partial, { deliveryMethod: 'MAIL' });
    expect(data!.outcome).toMatchObject({
      status: 'REJECTED',
      recordId: null,
      rejection: { code: 'MAILING_ADDRESS_REQUIRED', field: 'sharedFields.mailingRecipient' },
    });
    expect(await applicationsOf(partial.applicant.personId)).toEqual([]);
    // 现场领取 needs no address.
    expect((await apply(dispatchFor(stack, person, 'CARD_APPLICATION'), { deliveryMethod: 'PICKUP' })).data!.outcome.status).toBe('ACCEPTED');
  });

  it('rejects an application by someone who already holds a card in force, and records nothing', async () => {
    const dispatch = dispatchFor(stack, DEMO_PEOPLE.zhangWei, 'CARD_APPLICATION');
    const { data } = await apply(dispatch);
    expect(data!.outcome).toMatchObject({ status: 'REJECTED', recordId: null, rejection: { code: 'CARD_ALREADY_HELD' } });
    expect(await applicationsOf(dispatch.applicant.personId)).toEqual([]);
  });

  it('refuses a dispatch naming another item', async () => {
    const { errors } = await apply(dispatchFor(stack, DEMO_PEOPLE.liuYang, 'CARD_REISSUE'));
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dispatch.itemCode' });
  });

  it('a rejection needs a reason', async () => {
    const { errors } = await decideItem(stack, 'card', 'whatever', { outcome: 'REJECT', decidedBy: 'counter-007' });
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decision.reason' });
  });
});

// ---- the card lifecycle items ----

type Dispatch = ReturnType<typeof dispatchFor>;
const db = () => stack.databases.get('card')!;

/** A fictitious person with a valid resident ID number (GB 11643 check digit), new to this test file. */
let serial = 0;
function freshPerson(name = '赵测试'): DemoPerson {
  serial += 1;
  const year = 1970 + (serial % 30);
  const body = `110101${year}0101${String(100 + serial).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return {
    idType: 'RESIDENT_ID_CARD',
    idNumber: `${body}${'10X98765432'[sum % 11]}`,
    name,
    gender: serial % 2 ? 'MALE' : 'FEMALE',
    birthDate: `${year}-01-01`,
    phone: '13900000000',
    householdAddress: '北京市东城区测试街1号',
    residenceAddress: '北京市东城区测试街1号',
    ethnicity: '汉族',
  };
}

const send = (itemCode: string, input: unknown, dispatch: Dispatch) => dispatchItem(stack, dispatch, input, itemCode);
const loss = (dispatch: Dispatch, operation: string) => send('CARD_LOSS_REPORT', { operation }, dispatch);
const reissue = (dispatch: Dispatch, reason = '社保卡遗失') => send('CARD_REISSUE', { reason }, dispatch);
const renew = (dispatch: Dispatch, reason: string) => send('CARD_RENEWAL', { reason }, dispatch);
const replace = (dispatch: Dispatch, reason = '更换第三代社保卡') => send('CARD_REPLACEMENT', { reason }, dispatch);
const enable = (dispatch: Dispatch) => send('CARD_ENABLE', undefined, dispatch);
const activate = (dispatch: Dispatch) => send('CARD_BANK_ACTIVATION', undefined, dispatch);
const pin = (dispatch: Dispatch, operation: string) => send('CARD_PIN_RESET', { operation }, dispatch);
const decide = (key: string, outcome: 'COMPLETE' | 'REJECT') =>
  decideItem(stack, 'card', key, outcome === 'COMPLETE' ? { outcome, decidedBy: 'counter-009' } : { outcome, reason: '照片不合格', decidedBy: 'counter-009' });

const on = (person: DemoPerson, itemCode: string, channel = 'ONLINE') => dispatchFor(stack, person, itemCode, { channel });
const outcomeOf = (result: { data?: { outcome: Outcome }; errors?: unknown }) => {
  expect(result.errors).toBeUndefined();
  return result.data!.outcome;
};
const rejection = async (pending: Promise<{ data?: { outcome: Outcome }; errors?: unknown }>) => {
  const outcome = outcomeOf(await pending);
  expect(outcome).toMatchObject({ status: 'REJECTED', recordType: null, recordId: null, reference: null });
  return { code: outcome.rejection!.code, field: outcome.rejection!.field };
};

interface CardState {
  card_number: string;
  status: string;
  insurance_function_enabled: boolean;
  bank_account: string | null;
  bank_activated: boolean;
  generation: number;
  valid_until: string | null;
  temporary_loss_expires_at: Date | null;
}
const cardsOf = (person: DemoPerson) =>
  db().query<CardState>(
    `SELECT card_number, status, insurance_function_enabled, bank_account, bank_activated, generation, valid_until, temporary_loss_expires_at
     FROM card.social_security_card WHERE person_key = $1 ORDER BY created_at, card_number`,
    [on(person, 'X').applicant.personId],
  );
const cardInForceOf = async (person: DemoPerson) => (await cardsOf(person)).find((c) => c.status !== 'CANCELLED' && c.status !== 'REISSUED');
/** Every card-item record of the person: what "nothing written" compares. */
const recordsOf = async (person: DemoPerson) => {
  const key = on(person, 'X').applicant.personId;
  const count = async (table: string) => (await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM card.${table} WHERE person_key = $1`, [key]))[0]!.n;
  return {
    replacements: await count('card_replacement'),
    lossReports: await count('card_loss_report'),
    services: await count('card_service_record'),
    cards: await cardsOf(person),
  };
};
const expectNothingWritten = async <T>(person: DemoPerson, act: () => Promise<T>): Promise<T> => {
  const before = await recordsOf(person);
  const result = await act();
  expect(await recordsOf(person)).toEqual(before);
  return result;
};

/** A fresh person holding a newly issued card (申领 made and completed): ISSUED, not enabled, no bank account. */
async function issuedHolder(name?: string): Promise<DemoPerson> {
  const person = freshPerson(name);
  const dispatch = on(person, 'CARD_APPLICATION');
  expect(outcomeOf(await apply(dispatch)).status).toBe('ACCEPTED');
  await made(person);
  expect(outcomeOf(await decide(dispatch.idempotencyKey, 'COMPLETE')).status).toBe('COMPLETED');
  return person;
}

/** A fresh person holding a card in use: issued and enabled (ACTIVE), no bank account. */
async function holder(name?: string): Promise<DemoPerson> {
  const person = await issuedHolder(name);
  expect(outcomeOf(await enable(on(person, 'CARD_ENABLE'))).status).toBe('COMPLETED');
  return person;
}

const entity = <T>(typename: string, id: string, selection: string) => entityOf<T>(stack, 'card', typename, id, selection);
const personCard = (person: DemoPerson) =>
  entity<{ socialSecurityCard: Record<string, unknown> | null }>(
    'Person',
    on(person, 'X').applicant.personId,
    'socialSecurityCard { cardNumber status electronicCardStatus insuranceFunctionEnabled generation validUntil temporaryLossExpiresAt bankAccount { activated } }',
  ).then((p) => p.socialSecurityCard);

describe('CARD_LOSS_REPORT (reportSocialSecurityCardLoss)', () => {
  it('a temporary loss stops the card at once, is recorded once per key, and lapses by itself after the local number of days', async () => {
    const person = await holder();
    const dispatch = on(person, 'CARD_LOSS_REPORT', 'MOBILE');
    const first = outcomeOf(await loss(dispatch, 'TEMPORARY_LOSS'));
    expect(first).toMatchObject({ itemCode: 'CARD_LOSS_REPORT', status: 'COMPLETED', recordType: 'CardLossReport', rejection: null });
    expect(first.reference).toMatch(/^GS\d{14}$/);
    const [again, concurrent] = await Promise.all([loss(dispatch, 'TEMPORARY_LOSS'), loss(dispatch, 'TEMPORARY_LOSS')]);
    expect(outcomeOf(again)).toEqual(first);
    expect(outcomeOf(concurrent)).toEqual(first);
    expect((await recordsOf(person)).lossReports).toBe(1);
    expect(await historyOf(first.recordId!)).toEqual([{ record_type: 'CardLossReport', status: 'COMPLETED', changed_by: dispatch.applicant.personId }]);

    const card = (await cardInForceOf(person))!;
    expect(card.status).toBe('TEMPORARILY_LOST');
    const days = (card.temporary_loss_expires_at!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99); // local-policy temporaryLossExpiryDays: 7
    expect(days).toBeLessThanOrEqual(7);
    // Physical and electronic card: one state.
    expect(await personCard(person)).toMatchObject({
      status: 'TEMPORARILY_LOST',
      electronicCardStatus: 'TEMPORARILY_LOST',
      temporaryLossExpiresAt: card.temporary_loss_expires_at!.toISOString(),
    });
    expect(await entity('CardLossReport', first.recordId!, 'operation channel expiresAt person { id } card { status }')).toEqual({
      operation: 'TEMPORARY_LOSS',
      channel: 'MOBILE',
      expiresAt: card.temporary_loss_expires_at!.toISOString(),
      person: { id: dispatch.applicant.personId },
      card: { status: 'TEMPORARILY_LOST' },
    });
    expect(await rejection(expectNothingWritten(person, () => loss(on(person, 'CARD_LOSS_REPORT'), 'TEMPORARY_LOSS')))).toEqual({
      code: 'CARD_ALREADY_LOST',
      field: 'operation',
    });

    // Once the days have passed the card works again, without anyone unlocking it.
    await db().query(`UPDATE card.social_security_card SET temporary_loss_expires_at = now() - interval '1 minute' WHERE card_number = $1`, [card.card_number]);
    expect(await personCard(person)).toMatchObject({ status: 'ACTIVE', electronicCardStatus: 'ACTIVE', temporaryLossExpiresAt: null });
    expect(await rejection(loss(on(person, 'CARD_LOSS_REPORT'), 'UNLOCK'))).toEqual({ code: 'CARD_NOT_LOST', field: 'operation' });
    expect(outcomeOf(await loss(on(person, 'CARD_LOSS_REPORT'), 'TEMPORARY_LOSS')).status).toBe('COMPLETED');
  });

  it('a formal loss is made, and lifted, only in person; it cannot be made twice', async () => {
    const person = await holder();
    expect(await rejection(expectNothingWritten(person, () => loss(on(person, 'CARD_LOSS_REPORT', 'ONLINE'), 'FORMAL_LOSS')))).toEqual({
      code: 'CHANNEL_NOT_ALLOWED',
      field: 'dispatch.channel',
    });
    expect(outcomeOf(await loss(on(person, 'CARD_LOSS_REPORT', 'COUNTER'), 'FORMAL_LOSS')).status).toBe('COMPLETED');
    expect((await cardInForceOf(person))!.status).toBe('LOST');
    expect(await rejection(loss(on(person, 'CARD_LOSS_REPORT', 'COUNTER'), 'FORMAL_LOSS'))).toEqual({ code: 'CARD_ALREADY_LOST', field: 'operation' });
    expect(await rejection(expectNothingWritten(person, () => loss(on(person, 'CARD_LOSS_REPORT', 'MOBILE'), 'UNLOCK')))).toEqual({
      code: 'CHANNEL_NOT_ALLOWED',
      field: 'dispatch.channel',
    });
    expect(outcomeOf(await loss(on(person, 'CARD_LOSS_REPORT', 'SELF_SERVICE_TERMINAL'), 'UNLOCK')).status).toBe('COMPLETED');
    expect(await personCard(person)).toMatchObject({ status: 'ACTIVE', electronicCardStatus: 'ACTIVE' });
  });

  it('a temporary loss may be made formal; unlocking a card that is not lost is refused', async () => {
    const person = await holder();
    expect(await rejection(expectNothingWritten(person, () => loss(on(person, 'CARD_LOSS_REPORT', 'COUNTER'), 'UNLOCK')))).toEqual({
      code: 'CARD_NOT_LOST',
      field: 'operation',
    });
    expect(outcomeOf(await loss(on(person, 'CARD_LOSS_REPORT', 'ONLINE'), 'TEMPORARY_LOSS')).status).toBe('COMPLETED');
    expect(outcomeOf(await loss(on(person, 'CARD_LOSS_REPORT', 'POST_AGENT'), 'FORMAL_LOSS')).status).toBe('COMPLETED');
    expect(await cardInForceOf(person)).toMatchObject({ status: 'LOST', temporary_loss_expires_at: null });
  });

  it('someone without a card is told so: no card at all, or one applied for and not yet issued', async () => {
    const person = freshPerson();
    expect(await rejection(loss(on(person, 'CARD_LOSS_REPORT'), 'TEMPORARY_LOSS'))).toEqual({ code: 'NO_CARD_IN_FORCE', field: null });
    expect(outcomeOf(await apply(on(person, 'CARD_APPLICATION'))).status).toBe('ACCEPTED');
    expect(await rejection(loss(on(person, 'CARD_LOSS_REPORT'), 'TEMPORARY_LOSS'))).toEqual({ code: 'CARD_NOT_ISSUED', field: null });
    expect(await rejection(enable(on(person, 'CARD_ENABLE')))).toEqual({ code: 'CARD_NOT_ISSUED', field: null });
    expect(await rejection(reissue(on(person, 'CARD_REISSUE')))).toEqual({ code: 'CARD_NOT_ISSUED', field: null });
    // The card exists from the application, APPLIED, and nothing else was written.
    expect(await recordsOf(person)).toMatchObject({ replacements: 0, lossReports: 0, services: 0, cards: [{ status: 'APPLIED' }] });
  });
});

describe('CARD_REISSUE (reissueSocialSecurityCard)', () => {
  it('accepts 补领 of a lost card once per key; the lost card can no longer be unlocked; completion cancels it and issues a new number', async () => {
    const person = await holder();
    const lost = (await cardInForceOf(person))!;
    expect(outcomeOf(await loss(on(person, 'CARD_LOSS_REPORT'), 'TEMPORARY_LOSS')).status).toBe('COMPLETED');
    const dispatch = on(person, 'CARD_REISSUE');
    const first = outcomeOf(await reissue(dispatch));
    expect(first).toMatchObject({ itemCode: 'CARD_REISSUE', status: 'ACCEPTED', recordType: 'CardReplacement', rejection: null });
    expect(first.reference).toMatch(/^BL\d{14}$/);
    const [again, concurrent] = await Promise.all([reissue(dispatch), reissue(dispatch)]);
    expect(outcomeOf(again)).toEqual(first);
    expect(outcomeOf(concurrent)).toEqual(first);
    expect((await recordsOf(person)).replacements).toBe(1);
    // The temporary loss became formal: it cannot lapse while the new card is made, nor be lifted.
    expect(await cardInForceOf(person)).toMatchObject({ card_number: lost.card_number, status: 'LOST', temporary_loss_expires_at: null });
    expect(await rejection(expectNothingWritten(person, () => loss(on(person, 'CARD_LOSS_REPORT', 'COUNTER'), 'UNLOCK')))).toEqual({
      code: 'REPLACEMENT_ALREADY_APPLIED',
      field: 'operation',
    });
    expect(await rejection(expectNothingWritten(person, () => reissue(on(person, 'CARD_REISSUE'))))).toEqual({
      code: 'REPLACEMENT_ALREADY_APPLIED',
      field: null,
    });

    expect(outcomeOf(await decide(dispatch.idempotencyKey, 'COMPLETE')).status).toBe('COMPLETED');
    const cards = await cardsOf(person);
    expect(cards.map((c) => [c.card_number === lost.card_number, c.status])).toEqual([
      [true, 'REISSUED'],
      [false, 'ISSUED'],
    ]);
    expect(cards[1]).toMatchObject({ insurance_function_enabled: false, bank_activated: false, generation: 3 });
    expect(await personCard(person)).toMatchObject({ cardNumber: cards[1]!.card_number, status: 'ISSUED', electronicCardStatus: 'ISSUED' });
    expect(await entity('CardReplacement', first.recordId!, 'kind status reason person { id } replacedCard { status } issuedCard { cardNumber }')).toEqual({
      kind: 'REISSUE',
      status: 'COMPLETED',
      reason: '社保卡遗失',
      person: { id: dispatch.applicant.personId },
      replacedCard: { status: 'REISSUED' },
      issuedCard: { cardNumber: cards[1]!.card_number },
    });
    const history = await entity<{ cardReplacements: unknown[] }>('Person', dispatch.applicant.personId, 'cardReplacements { id kind status }');
    expect(history.cardReplacements).toEqual([{ id: first.recordId, kind: 'REISSUE', status: 'COMPLETED' }]);
  });

  it('refuses 补领 of a card that is not lost, or with a blank reason, and writes nothing', async () => {
    const person = await holder();
    expect(await rejection(expectNothingWritten(person, () => reissue(on(person, 'CARD_REISSUE'))))).toEqual({ code: 'CARD_NOT_LOST', field: null });
    expect(outcomeOf(await loss(on(person, 'CARD_LOSS_REPORT', 'COUNTER'), 'FORMAL_LOSS')).status).toBe('COMPLETED');
    expect(await rejection(expectNothingWritten(person, () => reissue(on(person, 'CARD_REISSUE'), '  ')))).toEqual({
      code: 'REASON_REQUIRED',
      field: 'reason',
    });
  });

  it('a rejected 补领 leaves the card formally lost, and it may then be unlocked in person', async () => {
    const person = await holder();
    expect(outcomeOf(await loss(on(person, 'CARD_LOSS_REPORT', 'COUNTER'), 'FORMAL_LOSS')).status).toBe('COMPLETED');
    const dispatch = on(person, 'CARD_REISSUE');
    const accepted = outcomeOf(await reissue(dispatch));
    const rejected = outcomeOf(await decide(dispatch.idempotencyKey, 'REJECT'));
    expect(rejected).toMatchObject({ status: 'REJECTED', rejection: { code: 'REJECTED_BY_COUNTER', message: '照片不合格' } });
    expect(await entity('CardReplacement', accepted.recordId!, 'status issuedCard { cardNumber }')).toEqual({ status: 'REJECTED', issuedCard: null });
    expect((await cardsOf(person)).map((c) => c.status)).toEqual(['LOST']);
    expect(outcomeOf(await loss(on(person, 'CARD_LOSS_REPORT', 'COUNTER'), 'UNLOCK')).status).toBe('COMPLETED');
  });
});

describe('CARD_RENEWAL (renewSocialSecurityCard)', () => {
  const expireIn = async (person: DemoPerson, days: number) =>
    db().query(`UPDATE card.social_security_card SET valid_until = current_date + $2::int WHERE person_key = $1 AND status <> 'CANCELLED'`, [
      on(person, 'X').applicant.personId,
      days,
    ]);

  it('换领 is accepted from 60 days (local cardRenewalAdvanceDays) before expiry, not 61; completion issues a new card', async () => {
    const person = await holder();
    await expireIn(person, 61);
    expect(await rejection(expectNothingWritten(person, () => renew(on(person, 'CARD_RENEWAL'), '有效期将满')))).toEqual({
      code: 'CARD_NOT_DUE_FOR_RENEWAL',
      field: 'reason',
    });
    await expireIn(person, 60);
    const dispatch = on(person, 'CARD_RENEWAL');
    const first = outcomeOf(await renew(dispatch, '有效期将满'));
    expect(first).toMatchObject({ itemCode: 'CARD_RENEWAL', status: 'ACCEPTED', recordType: 'CardReplacement' });
    expect(first.reference).toMatch(/^HL\d{14}$/);
    const [again, concurrent] = await Promise.all([renew(dispatch, '有效期将满'), renew(dispatch, '有效期将满')]);
    expect(outcomeOf(again)).toEqual(first);
    expect(outcomeOf(concurrent)).toEqual(first);
    expect((await recordsOf(person)).replacements).toBe(1);
    // The old card stays in use until the new one is issued.
    expect((await cardInForceOf(person))!.status).toBe('ACTIVE');
    expect(await rejection(replace(on(person, 'CARD_REPLACEMENT')))).toEqual({ code: 'REPLACEMENT_ALREADY_APPLIED', field: null });

    expect(outcomeOf(await decide(dispatch.idempotencyKey, 'COMPLETE')).status).toBe('COMPLETED');
    const cards = await cardsOf(person);
    expect(cards.map((c) => c.status)).toEqual(['CANCELLED', 'ISSUED']);
    // Valid ten years from today in Beijing time (the agencies' calendar), also between 00:00 and 08:00 there.
    const tenYears = new Date(Date.now() + 8 * 3600_000);
    tenYears.setUTCFullYear(tenYears.getUTCFullYear() + 10);
    expect(cards[1]!.valid_until).toBe(tenYears.toISOString().slice(0, 10));
  });

  it('a damaged card may be renewed at any time; a lost one may not', async () => {
    const person = await holder();
    expect(outcomeOf(await renew(on(person, 'CARD_RENEWAL'), '芯片损坏，无法读卡')).status).toBe('ACCEPTED');
    const other = await holder();
    expect(outcomeOf(await loss(on(other, 'CARD_LOSS_REPORT'), 'TEMPORARY_LOSS')).status).toBe('COMPLETED');
    expect(await rejection(expectNothingWritten(other, () => renew(on(other, 'CARD_RENEWAL'), '卡片破损')))).toEqual({
      code: 'CARD_REPORTED_LOST',
      field: null,
    });
    expect(await rejection(renew(on(freshPerson(), 'CARD_RENEWAL'), '卡片破损'))).toEqual({ code: 'NO_CARD_IN_FORCE', field: null });
  });
});

describe('CARD_REPLACEMENT (replaceSocialSecurityCard)', () => {
  it('换发 of an older-generation card is accepted and completed with a current-generation card', async () => {
    const person = await holder();
    await db().query(`UPDATE card.social_security_card SET generation = 2 WHERE person_key = $1`, [on(person, 'X').applicant.personId]);
    const dispatch = on(person, 'CARD_REPLACEMENT', 'COUNTER');
    const first = outcomeOf(await replace(dispatch));
    expect(first).toMatchObject({ itemCode: 'CARD_REPLACEMENT', status: 'ACCEPTED', recordType: 'CardReplacement' });
    expect(first.reference).toMatch(/^HF\d{14}$/);
    expect(outcomeOf(await replace(dispatch))).toEqual(first);
    expect(outcomeOf(await decide(dispatch.idempotencyKey, 'COMPLETE')).status).toBe('COMPLETED');
    expect((await cardsOf(person)).map((c) => [c.status, c.generation])).toEqual([
      ['CANCELLED', 2],
      ['ISSUED', 3],
    ]);
    expect(await personCard(person)).toMatchObject({ generation: 3, status: 'ISSUED' });
  });

  it("换发 when the holder's name differs from the one printed on the card; refused when nothing changed", async () => {
    const person = await holder('钱旧名');
    expect(await rejection(expectNothingWritten(person, () => replace(on(person, 'CARD_REPLACEMENT'))))).toEqual({
      code: 'NO_REPLACEMENT_GROUND',
      field: 'reason',
    });
    // The identity record changes (the gateway then resolves the applicant with the new name).
    const renamed = on(person, 'CARD_REPLACEMENT');
    await db().query(`UPDATE card.person SET name = '钱新名' WHERE person_key = $1`, [renamed.applicant.personId]);
    const dispatch = { ...renamed, applicant: { ...renamed.applicant, name: '钱新名' } };
    expect(outcomeOf(await replace(dispatch, '姓名变更')).status).toBe('ACCEPTED');
    expect(outcomeOf(await decide(dispatch.idempotencyKey, 'COMPLETE')).status).toBe('COMPLETED');
    expect(
      await db().query(`SELECT status, printed_name FROM card.social_security_card WHERE person_key = $1 ORDER BY created_at, card_number`, [
        renamed.applicant.personId,
      ]),
    ).toEqual([
      { status: 'CANCELLED', printed_name: '钱旧名' },
      { status: 'ISSUED', printed_name: '钱新名' },
    ]);
  });
});

describe('CARD_ENABLE (enableSocialSecurityCard)', () => {
  it('enables the social-insurance function of a newly issued card, once per key; a second request is refused', async () => {
    const person = await issuedHolder();
    const dispatch = on(person, 'CARD_ENABLE', 'SELF_SERVICE_TERMINAL');
    const first = outcomeOf(await enable(dispatch));
    expect(first).toMatchObject({ itemCode: 'CARD_ENABLE', status: 'COMPLETED', recordType: 'CardServiceRecord', rejection: null });
    expect(first.reference).toMatch(/^FW\d{14}$/);
    const [again, concurrent] = await Promise.all([enable(dispatch), enable(dispatch)]);
    expect(outcomeOf(again)).toEqual(first);
    expect(outcomeOf(concurrent)).toEqual(first);
    expect((await recordsOf(person)).services).toBe(1);
    expect(await personCard(person)).toMatchObject({ insuranceFunctionEnabled: true });
    expect(await entity('CardServiceRecord', first.recordId!, 'service channel person { id } card { insuranceFunctionEnabled }')).toEqual({
      service: 'INSURANCE_FUNCTION_ENABLED',
      channel: 'SELF_SERVICE_TERMINAL',
      person: { id: dispatch.applicant.personId },
      card: { insuranceFunctionEnabled: true },
    });
    expect(await rejection(expectNothingWritten(person, () => enable(on(person, 'CARD_ENABLE'))))).toEqual({ code: 'CARD_ALREADY_ENABLED', field: null });
  });

  it('refuses to enable a card reported lost, or when there is no card', async () => {
    const person = await holder();
    expect(outcomeOf(await loss(on(person, 'CARD_LOSS_REPORT'), 'TEMPORARY_LOSS')).status).toBe('COMPLETED');
    expect(await rejection(expectNothingWritten(person, () => enable(on(person, 'CARD_ENABLE'))))).toEqual({ code: 'CARD_REPORTED_LOST', field: null });
    expect(await rejection(enable(on(freshPerson(), 'CARD_ENABLE')))).toEqual({ code: 'NO_CARD_IN_FORCE', field: null });
  });
});

describe('CARD_BANK_ACTIVATION (activateCardBankAccount)', () => {
  it('after 补领 the new card keeps the bank account, which is activated once the card is enabled; no PIN is stored anywhere', async () => {
    const person = DEMO_PEOPLE.chenJing;
    const old = (await cardInForceOf(person))!;
    expect(outcomeOf(await loss(on(person, 'CARD_LOSS_REPORT'), 'TEMPORARY_LOSS')).status).toBe('COMPLETED');
    const reissued = on(person, 'CARD_REISSUE');
    expect(outcomeOf(await reissue(reissued)).status).toBe('ACCEPTED');
    expect(outcomeOf(await decide(reissued.idempotencyKey, 'COMPLETE')).status).toBe('COMPLETED');
    expect(await cardInForceOf(person)).toMatchObject({ bank_account: old.bank_account, bank_activated: false, insurance_function_enabled: false });

    expect(await rejection(expectNothingWritten(person, () => activate(on(person, 'CARD_BANK_ACTIVATION', 'BANK_AGENT'))))).toEqual({
      code: 'CARD_NOT_ENABLED',
      field: null,
    });
    expect(outcomeOf(await enable(on(person, 'CARD_ENABLE', 'BANK_AGENT'))).status).toBe('COMPLETED');
    const dispatch = on(person, 'CARD_BANK_ACTIVATION', 'BANK_AGENT');
    const first = outcomeOf(await activate(dispatch));
    expect(first).toMatchObject({ itemCode: 'CARD_BANK_ACTIVATION', status: 'COMPLETED', recordType: 'CardServiceRecord' });
    const [again, concurrent] = await Promise.all([activate(dispatch), activate(dispatch)]);
    expect(outcomeOf(again)).toEqual(first);
    expect(outcomeOf(concurrent)).toEqual(first);
    expect(await entity('CardServiceRecord', first.recordId!, 'service')).toEqual({ service: 'BANK_ACCOUNT_ACTIVATED' });
    expect(await personCard(person)).toMatchObject({ status: 'ACTIVE', insuranceFunctionEnabled: true, bankAccount: { activated: true } });
    expect(await rejection(expectNothingWritten(person, () => activate(on(person, 'CARD_BANK_ACTIVATION'))))).toEqual({
      code: 'BANK_ACCOUNT_ALREADY_ACTIVATED',
      field: null,
    });

    const pinColumns = await db().query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'card' AND (column_name ILIKE '%pin%' OR column_name ILIKE '%password%')`,
    );
    expect(pinColumns).toEqual([]);
  });

  it('refuses a card without a bank account, and a card not enabled', async () => {
    const person = await issuedHolder();
    expect(await rejection(expectNothingWritten(person, () => activate(on(person, 'CARD_BANK_ACTIVATION'))))).toEqual({
      code: 'CARD_NOT_ENABLED',
      field: null,
    });
    expect(outcomeOf(await enable(on(person, 'CARD_ENABLE'))).status).toBe('COMPLETED');
    expect(await rejection(expectNothingWritten(person, () => activate(on(person, 'CARD_BANK_ACTIVATION'))))).toEqual({ code: 'NO_BANK_ACCOUNT', field: null });
  });
});

describe('CARD_PIN_RESET (resetSocialSecurityCardPin)', () => {
  it('a forgotten PIN is reset only at a counter or self-service terminal; a known PIN is changed wherever the card is read', async () => {
    const person = DEMO_PEOPLE.zhangWei;
    for (const channel of ['ONLINE', 'MOBILE', 'BANK_AGENT', 'HOME_VISIT']) {
      expect([channel, await rejection(expectNothingWritten(person, () => pin(on(person, 'CARD_PIN_RESET', channel), 'RESET')))]).toEqual([
        channel,
        { code: 'CHANNEL_NOT_ALLOWED', field: 'dispatch.channel' },
      ]);
    }
    const dispatch = on(person, 'CARD_PIN_RESET', 'COUNTER');
    const first = outcomeOf(await pin(dispatch, 'RESET'));
    expect(first).toMatchObject({ itemCode: 'CARD_PIN_RESET', status: 'COMPLETED', recordType: 'CardServiceRecord' });
    const [again, concurrent] = await Promise.all([pin(dispatch, 'RESET'), pin(dispatch, 'RESET')]);
    expect(outcomeOf(again)).toEqual(first);
    expect(outcomeOf(concurrent)).toEqual(first);
    expect(await entity('CardServiceRecord', first.recordId!, 'service channel')).toEqual({ service: 'PIN_RESET', channel: 'COUNTER' });
    expect(outcomeOf(await pin(on(person, 'CARD_PIN_RESET', 'SELF_SERVICE_TERMINAL'), 'RESET')).status).toBe('COMPLETED');

    expect(await rejection(pin(on(person, 'CARD_PIN_RESET', 'MOBILE'), 'CHANGE'))).toEqual({ code: 'CHANNEL_NOT_ALLOWED', field: 'dispatch.channel' });
    const changed = outcomeOf(await pin(on(person, 'CARD_PIN_RESET', 'BANK_AGENT'), 'CHANGE'));
    expect(await entity('CardServiceRecord', changed.recordId!, 'service channel')).toEqual({ service: 'PIN_CHANGED', channel: 'BANK_AGENT' });
    expect((await recordsOf(person)).services).toBe(3);
  });

  it('a card whose social-insurance function is not enabled has no PIN to reset', async () => {
    const person = await issuedHolder();
    expect(await rejection(expectNothingWritten(person, () => pin(on(person, 'CARD_PIN_RESET', 'COUNTER'), 'RESET')))).toEqual({
      code: 'CARD_NOT_ENABLED',
      field: null,
    });
  });
});

describe('decideCardItem and personal data', () => {
  it('an instant item is never pending a decision', async () => {
    const person = await issuedHolder();
    const dispatch = on(person, 'CARD_ENABLE');
    const done = outcomeOf(await enable(dispatch));
    const before = await recordsOf(person);
    // Completing what is already complete returns it unchanged; rejecting it is refused.
    expect(outcomeOf(await decide(dispatch.idempotencyKey, 'COMPLETE'))).toEqual(done);
    const { errors } = await decide(dispatch.idempotencyKey, 'REJECT');
    expect(errors![0]!.extensions).toMatchObject({ code: 'ITEM_NOT_PENDING' });
    expect(await recordsOf(person)).toEqual(before);
  });

  it('no stored outcome or rejection message holds a card number or bank account', async () => {
    const numbers = (await db().query<{ card_number: string; bank_account: string | null }>('SELECT card_number, bank_account FROM card.social_security_card'))
      .flatMap((c) => [c.card_number, c.bank_account])
      .filter((n): n is string => n !== null);
    expect(numbers.length).toBeGreaterThan(5);
    const ledger = await db().query<{ text: string }>(`SELECT concat_ws(' ', reference, record_id, rejection::text) AS text FROM card.item_ledger`);
    expect(ledger.length).toBeGreaterThan(20);
    expect(ledger.filter((row) => numbers.some((n) => row.text.includes(n)))).toEqual([]);
  });
});

describe('CARD_CANCELLATION (cancelSocialSecurityCard)', () => {
  const AGENT = { agentName: '赵家属', agentIdNumber: '110101196001010011', agentPhone: '13900000001', agentRelationship: 'SPOUSE' };
  const cancelOf = (person: DemoPerson, sharedFields: Record<string, unknown>) =>
    dispatchFor(stack, person, 'CARD_CANCELLATION', { channel: 'COUNTER', sharedFields });
  const cancel = (dispatch: Dispatch) => send('CARD_CANCELLATION', undefined, dispatch);

  it("a family member cancels a deceased holder's card, even a lost one: accepted, then the card is CANCELLED when completed, its bank account kept", async () => {
    const person = await holder();
    expect(outcomeOf(await loss(on(person, 'CARD_LOSS_REPORT'), 'TEMPORARY_LOSS')).status).toBe('COMPLETED');
    const dispatch = cancelOf(person, { deathDate: '2026-11-20', ...AGENT });
    const outcome = outcomeOf(await cancel(dispatch));
    expect(outcome).toMatchObject({ itemCode: 'CARD_CANCELLATION', status: 'ACCEPTED', recordType: 'CardCancellation', rejection: null });
    expect(outcome.reference).toMatch(/^ZX\d{14}$/);
    expect(await rejection(cancel(cancelOf(person, { deathDate: '2026-11-20', ...AGENT })))).toEqual({ code: 'CANCELLATION_OPEN', field: null });
    expect(outcomeOf(await decide(dispatch.idempotencyKey, 'COMPLETE')).status).toBe('COMPLETED');
    expect((await cardsOf(person)).map((c) => c.status)).toEqual(['CANCELLED']);
    expect(await entity(outcome.recordType!, outcome.recordId!, 'status deathDate agentRelationship card { status }')).toEqual({
      status: 'COMPLETED',
      deathDate: '2026-11-20',
      agentRelationship: 'SPOUSE',
      card: { status: 'CANCELLED' },
    });
    // Nothing can be done with a cancelled card.
    expect(await rejection(loss(on(person, 'CARD_LOSS_REPORT'), 'UNLOCK'))).toEqual({ code: 'NO_CARD_IN_FORCE', field: null });
  });

  it.each([
    ['no date of death on the form', { ...AGENT }, 'DEATH_NOT_RECORDED', 'deathDate'],
    ['a date of death after today', { deathDate: '2099-01-01', ...AGENT }, 'DEATH_DATE_IN_FUTURE', 'deathDate'],
    ['no agent relation', { deathDate: '2026-11-20', ...AGENT, agentRelationship: undefined }, 'AGENT_REQUIRED', 'agentRelationship'],
  ])('refuses %s, and writes nothing', async (_case, shared, code, field) => {
    const person = await holder();
    expect(await rejection(expectNothingWritten(person, () => cancel(cancelOf(person, shared))))).toEqual({ code, field });
  });

  it('refuses the holder as their own agent, and someone without a card', async () => {
    const person = await holder();
    expect(await rejection(cancel(cancelOf(person, { deathDate: '2026-11-20', ...AGENT, agentIdNumber: person.idNumber })))).toEqual({
      code: 'AGENT_IS_HOLDER',
      field: 'agentIdNumber',
    });
    expect(await rejection(cancel(cancelOf(freshPerson(), { deathDate: '2026-11-20', ...AGENT })))).toEqual({ code: 'NO_CARD_IN_FORCE', field: null });
  });
});
