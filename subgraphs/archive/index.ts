import { DEMO_PEOPLE } from '../../src/demo/demo-data.js';
import { personKey } from '../../src/identity/person-key.js';
import { defineSubgraph, type SubgraphContext } from '../../src/subgraph/define-subgraph.js';
import { rowLoader } from '../../src/subgraph/loaders.js';
import { archiveItemMutations } from './items.js';
import { archiveMigrations } from './migrations.js';
import { ARCHIVE_TRANSFER_WORKING_DAYS } from './policy.js';
import { ArchiveStore, type ArchiveTransferRow, type MembershipTransferRow } from './store.js';

function createLoaders(store: ArchiveStore) {
  return {
    archive: rowLoader((keys) => store.archives(keys), (row) => row.person_key),
    membership: rowLoader((keys) => store.memberships(keys), (row) => row.person_key),
    archiveTransfer: rowLoader((numbers) => store.archiveTransfers(numbers), (row) => row.transfer_number),
    openArchiveTransfer: rowLoader((keys) => store.openArchiveTransfers(keys), (row) => row.person_key),
    membershipTransfer: rowLoader((numbers) => store.membershipTransfers(numbers), (row) => row.transfer_number),
  };
}
type ArchiveContext = SubgraphContext<ArchiveStore, ReturnType<typeof createLoaders>>;

function toArchiveTransfer(row: ArchiveTransferRow) {
  return {
    id: row.transfer_number,
    person: { id: row.person_key },
    status: row.status,
    fromHolder: row.from_holder,
    fromHolderRegionCode: row.from_holder_region_code,
    receivingUnitName: row.receiving_unit_name,
    receivingUnit: row.receiving_unit_credit_code ? { creditCode: row.receiving_unit_credit_code } : null,
    timeLimitWorkingDays: ARCHIVE_TRANSFER_WORKING_DAYS,
    appliedAt: row.applied_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
  };
}

function toMembershipTransfer(row: MembershipTransferRow) {
  return {
    id: row.transfer_number,
    person: { id: row.person_key },
    status: row.status,
    category: row.category,
    fromOrganization: row.from_organization,
    receivingPartyBranch: row.receiving_party_branch,
    letterIssuedOn: row.letter_issued_on,
    appliedAt: row.applied_at.toISOString(),
  };
}

export const archiveSubgraph = defineSubgraph<ArchiveStore, ReturnType<typeof createLoaders>>({
  name: 'archive',
  schema: 'archive',
  migrations: archiveMigrations,
  createStore: (db) => new ArchiveStore(db),
  createLoaders,
  resolvers: {
    Mutation: archiveItemMutations,
    ArchiveTransfer: {
      __resolveReference: async (reference: { id: string }, { loaders }: ArchiveContext) => {
        const row = await loaders.archiveTransfer.load(reference.id);
        return row ? toArchiveTransfer(row) : null;
      },
    },
    PartyMembershipTransfer: {
      __resolveReference: async (reference: { id: string }, { loaders }: ArchiveContext) => {
        const row = await loaders.membershipTransfer.load(reference.id);
        return row ? toMembershipTransfer(row) : null;
      },
    },
    Person: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
      personnelArchive: async (person: { id: string }, _: unknown, { loaders }: ArchiveContext) => {
        const row = await loaders.archive.load(person.id);
        return row && { personKey: row.person_key, holder: row.holder, holderRegionCode: row.holder_region_code, receivedOn: row.received_on, status: row.status };
      },
      partyMembership: async (person: { id: string }, _: unknown, { loaders }: ArchiveContext) => {
        const row = await loaders.membership.load(person.id);
        return row && { category: row.category, joinedOn: row.joined_on, organization: row.organization, status: row.status };
      },
    },
    PersonnelArchive: {
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
      person_key: key(DEMO_PEOPLE.zhangWei), holder: '南京市玄武区人才服务中心', holder_region_code: '320102', received_on: '2016-04-12', status: 'HELD',
    });
    await store.insertMembershipIfAbsent({
      person_key: key(DEMO_PEOPLE.zhangWei), category: 'FULL_MEMBER', joined_on: '2010-06-18', organization: '南京市玄武区人才服务中心流动党员党支部',
    });
    await store.insertArchiveIfAbsent({
      person_key: key(DEMO_PEOPLE.liuYang), holder: '北京市朝阳区人才服务中心', holder_region_code: '110105', received_on: '2023-07-10', status: 'HELD',
    });
    await store.insertMembershipIfAbsent({
      person_key: key(DEMO_PEOPLE.liNa), category: 'PROBATIONARY_MEMBER', joined_on: '2025-07-01', organization: '苏州市吴中区示例医院党支部',
    });
  },
});
