import type { Migration } from '../../src/db/migrations.js';

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
];
