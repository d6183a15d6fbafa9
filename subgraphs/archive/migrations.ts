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
  {
    id: '004-receptions',
    sql: `
      -- 流动人员人事档案接收: the archive comes from its former holder, by 调函 fetched or mailed.
      CREATE TABLE archive.archive_reception (
        reception_number   text PRIMARY KEY,
        person_key         text NOT NULL,
        status             text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        from_holder        text NOT NULL,
        to_holder          text NOT NULL,
        to_holder_region_code text NOT NULL,
        delivery_method    text NOT NULL CHECK (delivery_method IN ('PICKUP', 'MAIL')),
        delivery_address   text,
        delivery_recipient text,
        delivery_phone     text,
        submission_id      text,
        applied_at         timestamptz NOT NULL DEFAULT now(),
        decided_at         timestamptz
      );
      CREATE UNIQUE INDEX archive_reception_open ON archive.archive_reception (person_key) WHERE status = 'ACCEPTED';

      -- 党员组织关系转入 and 流动人才党员流动管理服务 (kind).
      CREATE TABLE archive.party_membership_reception (
        reception_number      text PRIMARY KEY,
        person_key            text NOT NULL,
        kind                  text NOT NULL CHECK (kind IN ('TRANSFER_IN', 'MOBILE_MEMBER')),
        status                text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        category              text NOT NULL CHECK (category IN ('FULL_MEMBER', 'PROBATIONARY_MEMBER')),
        joined_on             date,
        original_organization text,
        receiving_organization text NOT NULL,
        submission_id         text,
        applied_at            timestamptz NOT NULL DEFAULT now(),
        decided_at            timestamptz
      );
      CREATE UNIQUE INDEX party_membership_reception_open ON archive.party_membership_reception (person_key, kind) WHERE status = 'ACCEPTED';

      -- 高校毕业生接收手续 and 人才集体户口准入 (kind).
      CREATE TABLE archive.talent_service (
        service_number       text PRIMARY KEY,
        person_key           text NOT NULL,
        kind                 text NOT NULL CHECK (kind IN ('GRADUATE_RECEPTION', 'COLLECTIVE_HUKOU')),
        status               text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        reception_type       text CHECK (reception_type IN ('BY_EMPLOYER', 'BY_TALENT_AGENCY')),
        employer_credit_code text,
        household_address    text,
        accompanying_members integer CHECK (accompanying_members >= 0),
        submission_id        text,
        applied_at           timestamptz NOT NULL DEFAULT now(),
        decided_at           timestamptz
      );
      CREATE UNIQUE INDEX talent_service_open ON archive.talent_service (person_key, kind) WHERE status = 'ACCEPTED';
    `,
  },
  {
    id: '005-archive-moves',
    sql: `
      -- An archive sent on stays on record, held by the unit it went to (TRANSFERRED_OUT), so its
      -- history is never deleted; the region of a unit known by name only is unknown.
      ALTER TABLE archive.personnel_archive DROP CONSTRAINT personnel_archive_status_check;
      ALTER TABLE archive.personnel_archive
        ADD CONSTRAINT personnel_archive_status_check CHECK (status IN ('HELD', 'TRANSFERRING_OUT', 'TRANSFERRED_OUT')),
        ALTER COLUMN holder_region_code DROP NOT NULL;

      -- 档案调函 of the hiring unit and the confidential post (机要通信) that carries the archive.
      ALTER TABLE archive.archive_transfer
        ADD COLUMN letter_number text,
        ADD COLUMN letter_date date,
        ADD COLUMN receiving_address text,
        ADD COLUMN channel text NOT NULL DEFAULT 'CONFIDENTIAL_POST' CHECK (channel IN ('CONFIDENTIAL_POST'));

      -- The archive's moves, a chain: each move names the one before it (one first move per
      -- person, no move followed twice), so one holder follows another and none is skipped.
      CREATE TABLE archive.archive_move (
        move_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        person_key       text NOT NULL,
        previous_move_id bigint UNIQUE,
        kind             text NOT NULL CHECK (kind IN ('RECEIVED', 'TRANSFERRED_OUT')),
        from_holder      text NOT NULL,
        to_holder        text NOT NULL,
        channel          text CHECK (channel IN ('CONFIDENTIAL_POST')),
        record_number    text NOT NULL UNIQUE,
        moved_on         date NOT NULL,
        recorded_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (person_key, move_id),
        FOREIGN KEY (person_key, previous_move_id) REFERENCES archive.archive_move (person_key, move_id)
      );
      CREATE UNIQUE INDEX archive_move_first ON archive.archive_move (person_key) WHERE previous_move_id IS NULL;

      -- History is appended to, never rewritten.
      CREATE FUNCTION archive.archive_move_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'archive.archive_move is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$;
      CREATE TRIGGER archive_move_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON archive.archive_move
        FOR EACH STATEMENT EXECUTE FUNCTION archive.archive_move_append_only();
    `,
  },
];
