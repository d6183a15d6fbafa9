/**
 * The card functions handled on the spot (INSTANT, 人社部发〔2021〕23号: results within 30 minutes
 * are given at once): 社保功能启用, 银行账户激活, 密码修改与重置. Each keeps only that the
 * service happened; no PIN ever reaches this subgraph (it is keyed on the terminal's PIN pad).
 */
import type { Queryable } from '../../../src/db/database.js';
import type { CardItemHandlers, ResetSocialSecurityCardPinInput } from '../generated/items.js';
import type { ItemDispatch, ItemOutcome } from '../../../src/contract/item-contract.js';
import { moveCard } from '../card-lifecycle.js';
import { cardRejected, usableCardFor } from '../rules.js';
import type { CardRow, CardService } from '../store.js';
import { serviceRecords } from '../records.js';
import { byDispatch, cardWrites } from '../writes.js';

/**
 * Where the social-insurance PIN may be handled. A forgotten PIN, or one locked after six wrong
 * tries, is reset at a counter with ID (POLICY-FACTS): the agency's counter, or its self-service
 * terminal, which reads the ID card and checks the holder's face. Changing a known PIN needs the
 * card in a reader: also at the bank and post-office agent points. Never online: the electronic
 * card has its own PIN, and the bank PIN is the bank's.
 */
const PIN_CHANNELS: Record<ResetSocialSecurityCardPinInput['operation'], ReadonlySet<string>> = {
  RESET: new Set(['COUNTER', 'SELF_SERVICE_TERMINAL']),
  CHANGE: new Set(['COUNTER', 'SELF_SERVICE_TERMINAL', 'BANK_AGENT', 'POST_AGENT']),
};

async function done(tx: Queryable, dispatch: ItemDispatch, card: CardRow, service: CardService): Promise<ItemOutcome> {
  const number = await serviceRecords.insert(tx, dispatch, {
    person_key: dispatch.applicant.personId,
    card_number: card.card_number,
    service,
    channel: dispatch.channel,
  });
  return serviceRecords.completed(dispatch, number);
}

export const serviceHandlers = {
  /** CARD_ENABLE: an ISSUED card becomes ACTIVE, its social-insurance function enabled. */
  CARD_ENABLE: async (tx, _input, dispatch) => {
    const check = await usableCardFor(tx, dispatch);
    if (check.rejection) return check.rejection;
    if (check.status === 'ACTIVE') return cardRejected(dispatch, 'CARD_ALREADY_ENABLED', 'the social-insurance function of the card is already enabled');
    await moveCard(tx, check.card.card_number, 'ACTIVE', { ...byDispatch(dispatch, 'ENABLED'), columns: { insurance_function_enabled: true } });
    return done(tx, dispatch, check.card, 'INSURANCE_FUNCTION_ENABLED');
  },

  /** CARD_BANK_ACTIVATION: an issued, enabled card in use that carries a bank account not yet activated. */
  CARD_BANK_ACTIVATION: async (tx, _input, dispatch) => {
    const check = await usableCardFor(tx, dispatch);
    if (check.rejection) return check.rejection;
    const { card } = check;
    if (check.status !== 'ACTIVE')
      return cardRejected(dispatch, 'CARD_NOT_ENABLED', 'enable the social-insurance function (启用) before activating the bank account');
    if (!card.bank_account) return cardRejected(dispatch, 'NO_BANK_ACCOUNT', 'the card carries no bank account to activate');
    if (card.bank_activated) return cardRejected(dispatch, 'BANK_ACCOUNT_ALREADY_ACTIVATED', 'the bank account of the card is already activated');
    await cardWrites.activateBankAccount(tx, card.card_number);
    return done(tx, dispatch, card, 'BANK_ACCOUNT_ACTIVATED');
  },

  /** CARD_PIN_RESET: the social-insurance PIN of an enabled card, changed or reset where the card and ID are checked. */
  CARD_PIN_RESET: async (tx, input, dispatch) => {
    const check = await usableCardFor(tx, dispatch);
    if (check.rejection) return check.rejection;
    if (check.status !== 'ACTIVE') {
      return cardRejected(dispatch, 'CARD_NOT_ENABLED', 'the social-insurance function is not enabled: its PIN is set when it is enabled (启用)');
    }
    const allowed = PIN_CHANNELS[input.operation];
    if (!allowed.has(dispatch.channel)) {
      const where =
        input.operation === 'RESET'
          ? 'at a counter or self-service terminal, with an ID document'
          : 'where the card is read: a counter, self-service terminal, bank or post-office agent';
      return cardRejected(
        dispatch,
        'CHANNEL_NOT_ALLOWED',
        `the social-insurance PIN is ${input.operation === 'RESET' ? 'reset' : 'changed'} ${where}`,
        'dispatch.channel',
      );
    }
    return done(tx, dispatch, check.card, input.operation === 'RESET' ? 'PIN_RESET' : 'PIN_CHANGED');
  },
} satisfies Partial<CardItemHandlers>;
