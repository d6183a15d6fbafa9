import { GraphQLError } from 'graphql';
import { callerMayReach } from '../../src/auth/internal-context.js';
import { regionOfDocument } from '../../src/auth/row-access.js';
import { ErrorCode } from '../../src/errors.js';
import { personKey } from '../../src/identity/person-key.js';
import { DEMO_PEOPLE } from '../../src/demo/demo-data.js';
import { defineSubgraph, type SubgraphContext } from '../../src/subgraph/define-subgraph.js';
import { rowLoader, rowsLoader } from '../../src/subgraph/loaders.js';
import { cardMigrations } from './migrations.js';
import { cardItemMutations } from './items.js';
import { toCard, toPerson, toReplacement, toTransition } from './mappers.js';
import { moveCard } from './card-lifecycle.js';
import { cardPolicy, CARD_VALIDITY_YEARS, CURRENT_CARD_GENERATION } from './policy.js';
import { applications, cancellations, cardRecords, lossReports, replacements, serviceRecords } from './records.js';
import { CardStore } from './store.js';

function createLoaders(store: CardStore) {
  return {
    person: rowLoader(
      (keys) => store.peopleByKeys(keys),
      (row) => row.person_key,
    ),
    cardInForce: rowLoader(
      (keys) => store.cardsInForceByPersonKeys(keys),
      (row) => row.person_key,
    ),
    cardByNumber: rowLoader(
      (numbers) => store.cardsByNumbers(numbers),
      (row) => row.card_number,
    ),
    transitionsOfCard: rowsLoader(
      (numbers) => store.transitionsByCardNumbers(numbers),
      (row) => row.card_number,
    ),
    replacementsOfPerson: rowsLoader(
      (keys) => store.replacementsByPersonKeys(keys),
      (row) => row.person_key,
    ),
    records: cardRecords.loaders(store.db),
  };
}
type CardContext = SubgraphContext<CardStore, ReturnType<typeof createLoaders>>;

/** The card a record refers to, by number (batched). */
const cardAt =
  <Parent>(numberOf: (parent: Parent) => string | null) =>
  async (parent: Parent, _: unknown, { loaders }: CardContext) => {
    const cardNumber = numberOf(parent);
    const row = cardNumber ? await loaders.cardByNumber.load(cardNumber) : null;
    return row ? toCard(row) : null;
  };

/**
 * A card by number, for a caller who may reach its holder (a clerk of the holder's region); names
 * the holder for the audit trail. A card is its holder's data.
 */
async function reachableCard({ store, loaders, caller, reached }: CardContext, cardNumber: string) {
  const row = await store.cardByNumber(cardNumber);
  if (!row) return null;
  const holder = await loaders.person.load(row.person_key);
  reached.add(row.person_key);
  if (!callerMayReach(caller, { key: row.person_key, region: holder ? regionOfDocument(holder.id_type, holder.id_number) : null })) {
    throw new GraphQLError("the card holder is outside the caller's region", { extensions: { code: ErrorCode.FORBIDDEN, field: 'cardNumber' } });
  }
  return row;
}

export const cardSubgraph = defineSubgraph<CardStore, ReturnType<typeof createLoaders>>({
  name: 'card',
  schema: 'card',
  migrations: cardMigrations,
  createStore: (db) => {
    // The local figures are read once, at start-up: a faulty local policy stops it here.
    cardPolicy();
    return new CardStore(db);
  },
  createLoaders,
  resolvers: {
    Query: {
      socialSecurityCard: async (_: unknown, args: { cardNumber: string }, context: CardContext) => {
        const row = await reachableCard(context, args.cardNumber);
        return row ? toCard(row) : null;
      },
    },
    Mutation: {
      ...cardItemMutations,
      // The card factory's word, recorded by the back office for a card of a holder the caller may reach.
      recordCardMade: async (_: unknown, args: { cardNumber: string; madeBy: string }, context: CardContext) => {
        if (!context.caller.scopes.includes('submission:decide')) {
          throw new GraphQLError('only the back office records a card made', { extensions: { code: ErrorCode.FORBIDDEN, field: 'Mutation.recordCardMade' } });
        }
        if (!args.madeBy.trim()) throw new GraphQLError('madeBy is blank', { extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'madeBy' } });
        if (!(await reachableCard(context, args.cardNumber))) {
          throw new GraphQLError(`no card ${args.cardNumber}`, { extensions: { code: ErrorCode.CARD_NOT_FOUND, field: 'cardNumber' } });
        }
        await context.store.db.transaction((tx) => moveCard(tx, args.cardNumber, 'MADE', { event: 'MADE', by: args.madeBy.trim(), channel: 'COUNTER' }));
        return toCard((await context.store.cardByNumber(args.cardNumber))!);
      },
    },
    SocialSecurityCard: {
      history: async (card: { cardNumber: string }, _: unknown, { loaders }: CardContext) =>
        (await loaders.transitionsOfCard.load(card.cardNumber)).map(toTransition),
    },
    CardApplication: {
      ...applications.resolver,
      issuedCard: cardAt((application: { issuedCardNumber: string | null }) => application.issuedCardNumber),
    },
    CardReplacement: {
      ...replacements.resolver,
      replacedCard: cardAt((replacement: { replacedCardNumber: string }) => replacement.replacedCardNumber),
      issuedCard: cardAt((replacement: { issuedCardNumber: string | null }) => replacement.issuedCardNumber),
    },
    CardLossReport: {
      ...lossReports.resolver,
      card: cardAt((report: { cardNumber: string }) => report.cardNumber),
    },
    CardServiceRecord: {
      ...serviceRecords.resolver,
      card: cardAt((record: { cardNumber: string }) => record.cardNumber),
    },
    CardCancellation: {
      ...cancellations.resolver,
      card: cardAt((cancellation: { cardNumber: string }) => cancellation.cardNumber),
    },
    Person: {
      __resolveReference: async (reference: { id: string }, { loaders }: CardContext) => {
        const row = await loaders.person.load(reference.id);
        return row ? toPerson(row) : null;
      },
      socialSecurityCard: async (person: { id: string }, _: unknown, { loaders }: CardContext) => {
        const row = await loaders.cardInForce.load(person.id);
        return row ? toCard(row) : null;
      },
      cardReplacements: async (person: { id: string }, _: unknown, { loaders }: CardContext) =>
        (await loaders.replacementsOfPerson.load(person.id)).map(toReplacement),
    },
  },
  async seedDemoData(store, { personKeySecret }) {
    let serial = 0;
    for (const person of Object.values(DEMO_PEOPLE)) {
      serial += 1;
      const key = personKey(personKeySecret, person.idType, person.idNumber);
      await store.upsertPerson({
        person_key: key,
        name: person.name,
        gender: person.gender,
        birth_date: person.birthDate,
        id_type: person.idType,
        id_number: person.idNumber,
        phone: person.phone,
        household_address: person.householdAddress,
        residence_address: person.residenceAddress,
        ethnicity: person.ethnicity,
      });
      // The person with no insurance record has no card yet either.
      if (person === DEMO_PEOPLE.liuYang) continue;
      await store.insertCardIfAbsent({
        card_number: `D${person.idNumber.slice(0, 6)}${String(serial).padStart(3, '0')}`,
        person_key: key,
        status: 'ACTIVE',
        issued_on: '2020-05-01',
        valid_until: `${2020 + CARD_VALIDITY_YEARS}-05-01`,
        generation: CURRENT_CARD_GENERATION,
        printed_name: person.name,
        insurance_function_enabled: true,
        bank_name: '中国示例银行',
        bank_account: `62170000000000${String(serial).padStart(5, '0')}`,
        bank_activated: true,
      });
    }
  },
});
