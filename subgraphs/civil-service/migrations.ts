import type { Migration } from '../../src/db/migrations.js';

export const civilServiceMigrations: readonly Migration[] = [
  {
    id: '001-appointments',
    sql: `
      CREATE TABLE civil_service.appointment (
        appointment_number       text PRIMARY KEY,
        person_key               text NOT NULL,
        institution_credit_code  text NOT NULL,
        post                     text NOT NULL,
        post_category            text NOT NULL CHECK (post_category IN ('MANAGEMENT', 'PROFESSIONAL_TECHNICAL', 'SUPPORT')),
        grade                    text NOT NULL,
        starts_on                date NOT NULL,
        ends_on                  date,
        status                   text NOT NULL CHECK (status IN ('PENDING_FILING', 'ACTIVE', 'ENDED')),
        created_at               timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX appointment_person ON civil_service.appointment (person_key);
    `,
  },
];
