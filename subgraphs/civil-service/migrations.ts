import type { Migration } from '../../src/db/migrations.js';
import { recordHistoryMigration } from '../../src/subgraph/records.js';

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
  {
    id: '002-new-hires-and-salary-approvals',
    sql: `
      -- The catalog's PostCategory names 工勤技能岗位 SKILLED_WORKER.
      ALTER TABLE civil_service.appointment DROP CONSTRAINT appointment_post_category_check;
      UPDATE civil_service.appointment SET post_category = 'SKILLED_WORKER' WHERE post_category = 'SUPPORT';
      ALTER TABLE civil_service.appointment ADD CONSTRAINT appointment_post_category_check
        CHECK (post_category IN ('MANAGEMENT', 'PROFESSIONAL_TECHNICAL', 'SKILLED_WORKER'));
      -- 新聘用人员信息 is registered (PENDING_REGISTRATION) and then completed (ACTIVE) or refused (REJECTED).
      ALTER TABLE civil_service.appointment DROP CONSTRAINT appointment_status_check;
      ALTER TABLE civil_service.appointment ADD CONSTRAINT appointment_status_check
        CHECK (status IN ('PENDING_REGISTRATION', 'PENDING_FILING', 'ACTIVE', 'ENDED', 'REJECTED'));
      ALTER TABLE civil_service.appointment
        ADD COLUMN previous_employer text,
        ADD COLUMN contract_years    integer,
        ADD COLUMN education_level   text,
        ADD COLUMN degree            text,
        ADD COLUMN graduate_school   text,
        ADD COLUMN submission_id     text,
        ADD COLUMN decided_at        timestamptz;
      CREATE INDEX appointment_person_institution ON civil_service.appointment (person_key, institution_credit_code);
      CREATE SEQUENCE civil_service.appointment_number_seq START 1;

      -- 新聘人员工资核定. appointment_number is null while the appointment registered in the same
      -- submission (NEW_HIRE_INFO, dispatched in parallel) has not arrived yet.
      CREATE TABLE civil_service.salary_approval (
        approval_number         text PRIMARY KEY,
        person_key              text NOT NULL,
        institution_credit_code text NOT NULL,
        appointment_number      text REFERENCES civil_service.appointment (appointment_number),
        status                  text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        submission_id           text,
        applied_at              timestamptz NOT NULL DEFAULT now(),
        decided_at              timestamptz
      );
      -- One approval under way per person and institution.
      CREATE UNIQUE INDEX salary_approval_open ON civil_service.salary_approval (person_key, institution_credit_code) WHERE status = 'ACCEPTED';
      CREATE INDEX salary_approval_appointment ON civil_service.salary_approval (appointment_number);
      CREATE SEQUENCE civil_service.salary_approval_seq START 1;
    `,
  },
  recordHistoryMigration('civil_service', '003-record-history'),
  {
    id: '004-new-staff-items',
    sql: `
      -- 人员调入.
      CREATE TABLE civil_service.staff_transfer_in (
        transfer_number         text PRIMARY KEY,
        person_key              text NOT NULL,
        institution_credit_code text NOT NULL,
        original_unit           text NOT NULL,
        post                    text NOT NULL,
        post_category           text NOT NULL CHECK (post_category IN ('MANAGEMENT', 'PROFESSIONAL_TECHNICAL', 'SKILLED_WORKER')),
        transfer_date           date NOT NULL,
        status                  text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        submission_id           text,
        applied_at              timestamptz NOT NULL DEFAULT now(),
        decided_at              timestamptz
      );
      CREATE UNIQUE INDEX staff_transfer_in_open ON civil_service.staff_transfer_in (person_key, institution_credit_code) WHERE status = 'ACCEPTED';

      -- 工资变动核定, on a transfer-in or an appointment (basis_type, basis_number).
      CREATE TABLE civil_service.salary_change (
        change_number           text PRIMARY KEY,
        person_key              text NOT NULL,
        institution_credit_code text NOT NULL,
        effective_date          date NOT NULL,
        change_reason           text NOT NULL,
        basis_type              text NOT NULL CHECK (basis_type IN ('StaffTransferIn', 'Appointment')),
        basis_number            text NOT NULL,
        status                  text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        submission_id           text,
        applied_at              timestamptz NOT NULL DEFAULT now(),
        decided_at              timestamptz
      );
      CREATE UNIQUE INDEX salary_change_open ON civil_service.salary_change (person_key, institution_credit_code) WHERE status = 'ACCEPTED';

      -- 录用手续: new graduate, floating talent, returned overseas student.
      CREATE TABLE civil_service.hire_procedure (
        procedure_number        text PRIMARY KEY,
        person_key              text NOT NULL,
        institution_credit_code text NOT NULL,
        kind                    text NOT NULL CHECK (kind IN ('GRADUATE', 'MOBILE_TALENT', 'RETURNEE')),
        report_date             date,
        archive_agency          text,
        study_country           text,
        return_date             date,
        status                  text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        submission_id           text,
        applied_at              timestamptz NOT NULL DEFAULT now(),
        decided_at              timestamptz
      );
      CREATE INDEX hire_procedure_person ON civil_service.hire_procedure (person_key, institution_credit_code);

      -- 聘用核准备案.
      CREATE TABLE civil_service.hire_filing (
        filing_number           text PRIMARY KEY,
        person_key              text NOT NULL,
        institution_credit_code text NOT NULL,
        hire_method             text NOT NULL CHECK (hire_method IN ('OPEN_RECRUITMENT', 'TRANSFER', 'TALENT_INTRODUCTION', 'OTHER')),
        post                    text NOT NULL,
        term_start              date NOT NULL,
        term_end                date NOT NULL,
        transfer_number         text REFERENCES civil_service.staff_transfer_in (transfer_number),
        status                  text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        submission_id           text,
        applied_at              timestamptz NOT NULL DEFAULT now(),
        decided_at              timestamptz
      );
      CREATE UNIQUE INDEX hire_filing_open ON civil_service.hire_filing (person_key, institution_credit_code) WHERE status = 'ACCEPTED';
    `,
  },
  {
    id: '005-posts-and-grades',
    sql: `
      -- 岗位等级 of a transfer-in, and what a salary is determined on: the post, its category and
      -- its grade, copied from the appointment or transfer-in (事业单位人事管理条例 ch. 7: pay by post).
      ALTER TABLE civil_service.staff_transfer_in ADD COLUMN grade text;
      ALTER TABLE civil_service.salary_approval
        ADD COLUMN post text,
        ADD COLUMN post_category text CHECK (post_category IN ('MANAGEMENT', 'PROFESSIONAL_TECHNICAL', 'SKILLED_WORKER')),
        ADD COLUMN grade text;
      ALTER TABLE civil_service.salary_change
        ADD COLUMN post text,
        ADD COLUMN post_category text CHECK (post_category IN ('MANAGEMENT', 'PROFESSIONAL_TECHNICAL', 'SKILLED_WORKER')),
        ADD COLUMN grade text;
      -- 聘用核准备案: the post's category and grade, and the appointment the filing approved.
      ALTER TABLE civil_service.hire_filing
        ADD COLUMN post_category text CHECK (post_category IN ('MANAGEMENT', 'PROFESSIONAL_TECHNICAL', 'SKILLED_WORKER')),
        ADD COLUMN grade text,
        ADD COLUMN appointment_number text REFERENCES civil_service.appointment (appointment_number);
    `,
  },
];
