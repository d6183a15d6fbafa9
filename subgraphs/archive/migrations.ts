import type { Migration } from '../../src/db/migrations.js';
import { recordHistoryMigration } from '../../src/subgraph/records.js';

export const archiveMigrations: readonly Migration[] = [
  {
    id: '001-archives-and-memberships',
    sql: `
      CREATE TABLE archive.personnel_archive (
        person_key         text PRIMARY KEY,
        holder             text NOT NULL,
        holder_region_code text NOT NULL,
        received_on        date NOT NULL,
        status             text NOT NULL CHECK (status IN ('HELD', 'TRANSFERRING_OUT')),
        updated_at         timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE archive.party_membership (
        person_key   text PRIMARY KEY,
        category     text NOT NULL CHECK (category IN ('FULL_MEMBER', 'PROBATIONARY_MEMBER')),
        joined_on    date NOT NULL,
        organization text NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    id: '002-transfers-out',
    sql: `
      -- A membership stays on record after its 介绍信 is issued: it then names the receiving branch.
      ALTER TABLE archive.party_membership
        ADD COLUMN status text NOT NULL DEFAULT 'HELD' CHECK (status IN ('HELD', 'TRANSFERRING_OUT', 'TRANSFERRED_OUT'));

      -- 流动人员人事档案转出: kept as history once the archive has left this holder.
      CREATE TABLE archive.archive_transfer (
        transfer_number          text PRIMARY KEY,
        person_key               text NOT NULL,
        status                   text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        from_holder              text NOT NULL,
        from_holder_region_code  text NOT NULL,
        receiving_unit_name      text,
        receiving_unit_credit_code text,
        submission_id            text,
        applied_at               timestamptz NOT NULL DEFAULT now(),
        decided_at               timestamptz,
        CHECK (receiving_unit_name IS NOT NULL OR receiving_unit_credit_code IS NOT NULL)
      );
      -- One transfer under way per archive.
      CREATE UNIQUE INDEX archive_transfer_open ON archive.archive_transfer (person_key) WHERE status = 'ACCEPTED';
      CREATE SEQUENCE archive.archive_transfer_seq START 1;

      -- 党员组织关系转出: the 介绍信 to the receiving branch.
      CREATE TABLE archive.party_membership_transfer (
        transfer_number        text PRIMARY KEY,
        person_key             text NOT NULL,
        status                 text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        from_organization      text NOT NULL,
        receiving_party_branch text NOT NULL,
        category               text NOT NULL CHECK (category IN ('FULL_MEMBER', 'PROBATIONARY_MEMBER')),
        submission_id          text,
        applied_at             timestamptz NOT NULL DEFAULT now(),
        letter_issued_on       date,
        decided_at             timestamptz
      );
      CREATE UNIQUE INDEX party_membership_transfer_open ON archive.party_membership_transfer (person_key) WHERE status = 'ACCEPTED';
      CREATE SEQUENCE archive.party_membership_transfer_seq START 1;
    `,
  },
  recordHistoryMigration('archive', '003-record-history'),
];
