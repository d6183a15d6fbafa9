import { personKey } from '../../src/identity/person-key.js';
import { DEMO_PEOPLE } from '../../src/demo/demo-data.js';
import { defineSubgraph, type SubgraphContext } from '../../src/subgraph/define-subgraph.js';
import { rowLoader } from '../../src/subgraph/loaders.js';
import { cardMigrations } from './migrations.js';
import { cardItemMutations } from './items.js';
import { CardStore, type CardApplicationRow, type CardRow, type PersonRow } from './store.js';

function createLoaders(store: CardStore) {
  return {
    person: rowLoader((keys) => store.peopleByKeys(keys), (row) => row.person_key),
    cardInForce: rowLoader((keys) => store.cardsInForceByPersonKeys(keys), (row) => row.person_key),
    application: rowLoader((numbers) => store.applicationsByNumbers(numbers), (row) => row.application_number),
    cardByNumber: rowLoader((numbers) => store.cardsByNumbers(numbers), (row) => row.card_number),
  };
}
type CardContext = SubgraphContext<CardStore, ReturnType<typeof createLoaders>>;

function toCard(row: CardRow) {
  return {
    cardNumber: row.card_number,
    status: row.status,
    issuedOn: row.issued_on,
    insuranceFunctionEnabled: row.insurance_function_enabled,
    bankAccount: row.bank_account && row.bank_name
      ? { bankName: row.bank_name, accountNumber: row.bank_account, activated: row.bank_activated }
      : null,
    // The electronic card follows the physical card's state (经办条例 art. 7).
    electronicCardStatus: row.status,
  };
}

function toApplication(row: CardApplicationRow) {
  return {
    id: row.application_number,
    person: { id: row.person_key },
    status: row.status,
    deliveryMethod: row.delivery_method,
    deliveryAddress: row.delivery_address,
    appliedAt: row.applied_at.toISOString(),
    issuedCardNumber: row.issued_card_number,
  };
}

function toPerson(row: PersonRow) {
  return {
    id: row.person_key,
    name: row.name,
    gender: row.gender,
    birthDate: row.birth_date,
    idType: row.id_type,
    idNumber: row.id_number,
    idValidUntil: row.id_valid_until,
    phone: row.phone,
    householdAddress: row.household_address,
    residenceAddress: row.residence_address,
    nationality: row.nationality,
    ethnicity: row.ethnicity,
  };
}

export const cardSubgraph = defineSubgraph<CardStore, ReturnType<typeof createLoaders>>({
  name: 'card',
  schema: 'card',
  migrations: cardMigrations,
  createStore: (db) => new CardStore(db),
  createLoaders,
  resolvers: {
    Query: {
      socialSecurityCard: async (_: unknown, args: { cardNumber: string }, { store }: CardContext) => {
        const row = await store.cardByNumber(args.cardNumber);
        return row ? toCard(row) : null;
      },
    },
    Mutation: cardItemMutations,
    CardApplication: {
      __resolveReference: async (reference: { id: string }, { loaders }: CardContext) => {
        const row = await loaders.application.load(reference.id);
        return row ? toApplication(row) : null;
      },
      issuedCard: async (application: { issuedCardNumber: string | null }, _: unknown, { loaders }: CardContext) => {
        const row = application.issuedCardNumber ? await loaders.cardByNumber.load(application.issuedCardNumber) : null;
        return row ? toCard(row) : null;
      },
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
    },
  },
  async seedDemoData(store, { personKeySecret }) {
    let serial = 0;
    for (const person of Object.values(DEMO_PEOPLE)) {
      serial += 1;
      const key = personKey(personKeySecret, person.idType, person.idNumber);
      await store.upsertPerson({
        person_key: key, name: person.name, gender: person.gender, birth_date: person.birthDate, id_type: person.idType,
        id_number: person.idNumber, phone: person.phone, household_address: person.householdAddress,
        residence_address: person.residenceAddress, ethnicity: person.ethnicity,
      });
      // The person with no insurance record has no card yet either.
      if (person === DEMO_PEOPLE.liuYang) continue;
      await store.insertCardIfAbsent({
        card_number: `D${person.idNumber.slice(0, 6)}${String(serial).padStart(3, '0')}`,
        person_key: key, status: 'ACTIVE', issued_on: '2020-05-01', insurance_function_enabled: true,
        bank_name: '中国示例银行', bank_account: `62170000000000${String(serial).padStart(5, '0')}`, bank_activated: true,
      });
    }
  },
});
