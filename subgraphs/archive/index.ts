import { DEMO_PEOPLE } from '../../src/demo/demo-data.js';
import { personKey } from '../../src/identity/person-key.js';
import { defineSubgraph, type SubgraphContext } from '../../src/subgraph/define-subgraph.js';
import { rowLoader, rowsLoader } from '../../src/subgraph/loaders.js';
import { archiveItemMutations } from './items.js';
import { archiveMigrations } from './migrations.js';
import { archiveRecords, toArchiveMove, toArchiveTransfer } from './records.js';
import { ArchiveStore } from './store.js';

function createLoaders(store: ArchiveStore) {
  return {
    archive: rowLoader(
      (keys) => store.archives(keys),
      (row) => row.person_key,
    ),
    membership: rowLoader(
      (keys) => store.memberships(keys),
      (row) => row.person_key,
    ),
    records: archiveRecords.loaders(store.db),
    moves: rowsLoader(
      (keys) => store.moves(keys),
      (row) => row.person_key,
    ),
    openArchiveTransfer: rowLoader(
      (keys) => store.openArchiveTransfers(keys),
      (row) => row.person_key,
    ),
  };
}
type ArchiveContext = SubgraphContext<ArchiveStore, ReturnType<typeof createLoaders>>;

export const archiveSubgraph = defineSubgraph<ArchiveStore, ReturnType<typeof createLoaders>>({
  name: 'archive',
  schema: 'archive',
  migrations: archiveMigrations,
  createStore: (db) => new ArchiveStore(db),
  createLoaders,
  resolvers: {
    Mutation: archiveItemMutations,
    ...archiveRecords.resolvers,
    Person: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
      personnelArchive: async (person: { id: string }, _: unknown, { loaders }: ArchiveContext) => {
        const row = await loaders.archive.load(person.id);
        return (
          row && { personKey: row.person_key, holder: row.holder, holderRegionCode: row.holder_region_code, receivedOn: row.received_on, status: row.status }
        );
      },
      partyMembership: async (person: { id: string }, _: unknown, { loaders }: ArchiveContext) => {
        const row = await loaders.membership.load(person.id);
        return row && { category: row.category, joinedOn: row.joined_on, organization: row.organization, status: row.status };
      },
    },
    PersonnelArchive: {
      moves: async (archive: { personKey: string }, _: unknown, { loaders }: ArchiveContext) =>
        (await loaders.moves.load(archive.personKey)).map(toArchiveMove),
      outgoingTransfer: async (archive: { personKey: string; status: string }, _: unknown, { loaders }: ArchiveContext) => {
        if (archive.status !== 'TRANSFERRING_OUT') return null;
        const row = await loaders.openArchiveTransfer.load(archive.personKey);
        return row ? toArchiveTransfer(row) : null;
      },
    },
  },
  async seedDemoData(store, { personKeySecret }) {
    const key = (p: { idType: string; idNumber: string }) => personKey(personKeySecret, p.idType, p.idNumber);
    await store.insertArchiveIfAbsent({
      person_key: key(DEMO_PEOPLE.zhangWei),
      holder: '南京市玄武区人才服务中心',
      holder_region_code: '320102',
      received_on: '2016-04-12',
      status: 'HELD',
    });
    await store.insertMembershipIfAbsent({
      person_key: key(DEMO_PEOPLE.zhangWei),
      category: 'FULL_MEMBER',
      joined_on: '2010-06-18',
      organization: '南京市玄武区人才服务中心流动党员党支部',
    });
    await store.insertArchiveIfAbsent({
      person_key: key(DEMO_PEOPLE.liuYang),
      holder: '北京市朝阳区人才服务中心',
      holder_region_code: '110105',
      received_on: '2023-07-10',
      status: 'HELD',
    });
    await store.insertMembershipIfAbsent({
      person_key: key(DEMO_PEOPLE.liNa),
      category: 'PROBATIONARY_MEMBER',
      joined_on: '2025-07-01',
      organization: '苏州市吴中区示例医院党支部',
    });
  },
});
