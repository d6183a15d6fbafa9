import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { decideItem, dispatchFor, dispatchItem } from './support/items.js';
import { TestStack } from './support/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await TestStack.start();
});
afterAll(async () => {
  await stack?.stop();
});

const apply = (dispatch: ReturnType<typeof dispatchFor>, input: Record<string, unknown> = { deliveryMethod: 'PICKUP' }) =>
  dispatchItem(stack, 'card', 'applySocialSecurityCard', 'ApplySocialSecurityCardInput', input, dispatch);
const applicationsOf = async (personId: string) =>
  stack.databases.get('card')!.query<{ application_number: string; status: string }>('SELECT application_number, status FROM card.card_application WHERE person_key = $1', [personId]);

describe('CARD_APPLICATION (applySocialSecurityCard)', () => {
  it('accepts an application of someone without a card, records it once per idempotency key, and issues the card when the counter completes it', async () => {
    const dispatch = dispatchFor(stack, DEMO_PEOPLE.liuYang, 'CARD_APPLICATION');
    const input = { deliveryMethod: 'MAIL', deliveryAddress: '江苏省南京市玄武区示例公寓4号', deliveryRecipient: '刘洋', deliveryPhone: '13800000004' };
    const first = await apply(dispatch, input);
    expect(first.errors).toBeUndefined();
    expect(first.data!.outcome).toMatchObject({ itemCode: 'CARD_APPLICATION', status: 'ACCEPTED', recordType: 'CardApplication', rejection: null });
    expect(first.data!.outcome.reference).toMatch(/^SQ\d{8}\d{6}$/);

    // The same key again, twice at once: the first outcome, and still one record.
    const [again, concurrent] = await Promise.all([apply(dispatch, input), apply(dispatch, input)]);
    expect(again.data!.outcome).toEqual(first.data!.outcome);
    expect(concurrent.data!.outcome).toEqual(first.data!.outcome);
    expect(await applicationsOf(dispatch.applicant.personId)).toEqual([{ application_number: first.data!.outcome.recordId, status: 'ACCEPTED' }]);

    const decided = await decideItem(stack, 'card', 'decideCardItem', dispatch.idempotencyKey, { outcome: 'COMPLETE', decidedBy: 'counter-007' });
    expect(decided.data!.outcome.status).toBe('COMPLETED');
    const { data } = await stack.graphql<{ person: { socialSecurityCard: { status: string; cardNumber: string } } }>(
      'query ($n: String!) { person(idType: RESIDENT_ID_CARD, idNumber: $n) { socialSecurityCard { status cardNumber } } }',
      { n: DEMO_PEOPLE.liuYang.idNumber },
    );
    expect(data!.person.socialSecurityCard.status).toBe('ACTIVE');
    // Deciding again the same way is harmless; the other way is refused.
    expect((await decideItem(stack, 'card', 'decideCardItem', dispatch.idempotencyKey, { outcome: 'COMPLETE', decidedBy: 'counter-007' })).data!.outcome.status).toBe('COMPLETED');
    const contrary = await decideItem(stack, 'card', 'decideCardItem', dispatch.idempotencyKey, { outcome: 'REJECT', reason: 'x', decidedBy: 'counter-007' });
    expect(contrary.errors![0]!.extensions).toMatchObject({ code: 'ITEM_NOT_PENDING' });
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
    const { errors } = await decideItem(stack, 'card', 'decideCardItem', 'whatever', { outcome: 'REJECT', decidedBy: 'counter-007' });
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decision.reason' });
  });
});
