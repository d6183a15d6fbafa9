import type { Migration } from '../../src/db/migrations.js';
import { recordHistoryMigration } from '../../src/subgraph/records.js';

export const employmentMigrations: readonly Migration[] = [
  {
    id: '001-registrations',
    sql: `
      CREATE TABLE employment.employment_registration (
        registration_number  text PRIMARY KEY,
        person_key           text NOT NULL,
        employer_credit_code text NOT NULL,
        started_on           date NOT NULL,
        ended_on             date,
        created_at           timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX employment_registration_person ON employment.employment_registration (person_key);
      CREATE TABLE employment.unemployment_registration (
        registration_number text PRIMARY KEY,
        person_key          text NOT NULL,
        registered_on       date NOT NULL,
        ended_on            date,
        created_at          timestamptz NOT NULL DEFAULT now()
      );
      -- At most one unemployment registration in force per person.
      CREATE UNIQUE INDEX unemployment_registration_in_force ON employment.unemployment_registration (person_key) WHERE ended_on IS NULL;
      CREATE TABLE employment.hard_to_employ_recognition (
        person_key    text PRIMARY KEY,
        category      text NOT NULL,
        recognized_on date NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    id: '002-item-records',
    sql: `
      -- 失业登记 becomes a TIME_LIMITED item: accepted, then completed or rejected by the counter.
      -- Rows from before this migration were registrations in force (COMPLETED).
      ALTER TABLE employment.unemployment_registration
        ADD COLUMN status            text NOT NULL DEFAULT 'COMPLETED' CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        ADD COLUMN unemployment_type text,
        ADD COLUMN former_employer   text,
        ADD COLUMN unemployment_date date,
        ADD COLUMN decided_at        timestamptz;
      -- One registration open or in force per person; a rejected one does not count.
      DROP INDEX employment.unemployment_registration_in_force;
      CREATE UNIQUE INDEX unemployment_registration_in_force ON employment.unemployment_registration (person_key)
        WHERE ended_on IS NULL AND status <> 'REJECTED';

      -- 《就业创业证》申领: once per person (an application open or a certificate issued).
      CREATE TABLE employment.employment_certificate_application (
        application_number text PRIMARY KEY,
        person_key         text NOT NULL,
        status             text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        paper_certificate  boolean NOT NULL,
        certificate_number text UNIQUE,
        issued_on          date,
        applied_at         timestamptz NOT NULL DEFAULT now(),
        decided_at         timestamptz
      );
      CREATE UNIQUE INDEX employment_certificate_once ON employment.employment_certificate_application (person_key) WHERE status <> 'REJECTED';

      -- 就业困难人员认定: the application; completion writes hard_to_employ_recognition.
      CREATE TABLE employment.difficulty_recognition_application (
        application_number text PRIMARY KEY,
        person_key         text NOT NULL,
        status             text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        category           text NOT NULL,
        applied_at         timestamptz NOT NULL DEFAULT now(),
        decided_at         timestamptz
      );
      CREATE UNIQUE INDEX difficulty_recognition_open ON employment.difficulty_recognition_application (person_key) WHERE status = 'ACCEPTED';

      -- 职业培训 records reported by training providers (培训合格 / 证书), the basis of the subsidy.
      CREATE TABLE employment.training_record (
        record_id          text PRIMARY KEY,
        person_key         text NOT NULL,
        course             text NOT NULL,
        provider           text NOT NULL,
        started_on         date NOT NULL,
        completed_on       date,
        certificate_number text,
        created_at         timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX training_record_person ON employment.training_record (person_key);

      -- 职业培训补贴申领: one subsidy per training record (a rejected claim does not count).
      CREATE TABLE employment.training_subsidy_application (
        application_number text PRIMARY KEY,
        person_key         text NOT NULL,
        training_record_id text NOT NULL REFERENCES employment.training_record (record_id),
        status             text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        applied_at         timestamptz NOT NULL DEFAULT now(),
        decided_at         timestamptz
      );
      CREATE UNIQUE INDEX training_subsidy_once ON employment.training_subsidy_application (training_record_id) WHERE status <> 'REJECTED';

      -- 职业介绍: one open request per person.
      CREATE TABLE employment.job_introduction_request (
        request_number          text PRIMARY KEY,
        person_key              text NOT NULL,
        status                  text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        desired_job             text NOT NULL,
        expected_monthly_salary numeric(15, 2) NOT NULL,
        desired_region          text NOT NULL,
        resume_visibility       text NOT NULL,
        applied_at              timestamptz NOT NULL DEFAULT now(),
        decided_at              timestamptz
      );
      CREATE UNIQUE INDEX job_introduction_open ON employment.job_introduction_request (person_key) WHERE status = 'ACCEPTED';

      CREATE SEQUENCE employment.item_number_seq START 1;
      CREATE SEQUENCE employment.certificate_number_seq START 1;
    `,
  },
  // The status history of every record (defineRecord); numbers keep employment.item_number_seq.
  recordHistoryMigration('employment', '003-record-history'),
  {
    id: '004-labor-relations',
    sql: `
      -- 就业登记 of a self-employed founder (创业) names an enterprise that may have no credit code yet.
      ALTER TABLE employment.employment_registration
        ALTER COLUMN employer_credit_code DROP NOT NULL,
        ADD COLUMN employer_name text;

      -- 就业登记 applications: completion writes employment.employment_registration (same number).
      CREATE TABLE employment.employment_registration_application (
        application_number   text PRIMARY KEY,
        person_key           text NOT NULL,
        status               text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        kind                 text NOT NULL CHECK (kind IN ('HIRED', 'SELF_EMPLOYED')),
        employer_credit_code text,
        employer_name        text,
        started_on           date NOT NULL,
        applied_at           timestamptz NOT NULL DEFAULT now(),
        decided_at           timestamptz
      );
      CREATE UNIQUE INDEX employment_registration_application_open ON employment.employment_registration_application (person_key) WHERE status = 'ACCEPTED';

      -- 劳动用工备案: a hire (the contract) or its end (解除、终止). A hire filing ends when the
      -- termination filed against it is completed.
      CREATE TABLE employment.labor_filing (
        filing_number          text PRIMARY KEY,
        person_key             text NOT NULL,
        status                 text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        kind                   text NOT NULL CHECK (kind IN ('HIRE', 'TERMINATION')),
        employer_credit_code   text,
        employer_name          text,
        contract_type          text,
        contract_start_date    date,
        contract_end_date      date,
        job_title              text,
        work_location          text,
        monthly_wage           numeric(15, 2),
        termination_date       date,
        termination_derived    boolean NOT NULL DEFAULT false,
        filed_late             boolean NOT NULL DEFAULT false,
        ends_registration      text,
        ends_filing            text,
        ended_on               date,
        applied_at             timestamptz NOT NULL DEFAULT now(),
        decided_at             timestamptz
      );
      CREATE INDEX labor_filing_person ON employment.labor_filing (person_key);

      -- 电子劳动合同: one signing in progress per person and employer.
      CREATE TABLE employment.electronic_labor_contract (
        contract_number      text PRIMARY KEY,
        person_key           text NOT NULL,
        status               text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        employer_credit_code text NOT NULL,
        signed_on            date,
        applied_at           timestamptz NOT NULL DEFAULT now(),
        decided_at           timestamptz
      );
      CREATE UNIQUE INDEX electronic_labor_contract_open ON employment.electronic_labor_contract (person_key, employer_credit_code) WHERE status = 'ACCEPTED';
    `,
  },
  {
    id: '005-entrepreneurship',
    sql: `
      -- 创业开业指导 and 创业培训: services a founder asks for, one of each kind open at a time.
      CREATE TABLE employment.entrepreneurship_service (
        request_number text PRIMARY KEY,
        person_key     text NOT NULL,
        status         text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        kind           text NOT NULL CHECK (kind IN ('START_GUIDANCE', 'TRAINING')),
        training_type  text,
        applied_at     timestamptz NOT NULL DEFAULT now(),
        decided_at     timestamptz
      );
      CREATE UNIQUE INDEX entrepreneurship_service_open ON employment.entrepreneurship_service (person_key, kind) WHERE status = 'ACCEPTED';

      -- 创业担保贷款资格认定 (个人 / 企业吸纳就业): the certificate the bank lends on (财金〔2020〕21号).
      CREATE TABLE employment.startup_loan_certification (
        certification_number text PRIMARY KEY,
        person_key           text NOT NULL,
        status               text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        kind                 text NOT NULL CHECK (kind IN ('PERSONAL', 'ENTERPRISE')),
        employer_credit_code text,
        founder_identity     text,
        enterprise_type      text,
        loan_amount          numeric(15, 2) NOT NULL,
        loan_term_months     integer NOT NULL,
        lending_bank         text NOT NULL,
        guarantee_method     text NOT NULL,
        loan_purpose         text,
        outstanding_loans    text,
        total_employees      integer,
        key_group_hires      integer,
        applied_at           timestamptz NOT NULL DEFAULT now(),
        decided_at           timestamptz
      );

      -- 创业补贴 of every kind; the amount is the local policy's, fixed by the counter.
      CREATE TABLE employment.startup_subsidy_application (
        application_number   text PRIMARY KEY,
        person_key           text NOT NULL,
        status               text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        kind                 text NOT NULL,
        employer_credit_code text,
        founder_identity     text,
        established_date     date,
        venue_address        text,
        lease_start_date     date,
        lease_end_date       date,
        monthly_rent         numeric(15, 2),
        hired_count          integer,
        incubator_name       text,
        incubated_entities   integer,
        closure_date         date,
        account              text,
        applied_at           timestamptz NOT NULL DEFAULT now(),
        decided_at           timestamptz
      );
      CREATE INDEX startup_subsidy_person ON employment.startup_subsidy_application (person_key, kind);
    `,
  },
  {
    id: '006-services-recruitment-subsidies',
    sql: `
      -- Job seekers' services: 就业服务, 就业意愿采集, 高校毕业生求职登记, 就业见习岗位申请 (kind: the item code).
      CREATE TABLE employment.job_seeker_service (
        request_number          text PRIMARY KEY,
        person_key              text NOT NULL,
        status                  text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        kind                    text NOT NULL,
        services                text[],
        wants_employment        boolean,
        wants_training          boolean,
        desired_job             text,
        desired_region          text,
        expected_monthly_salary numeric(15, 2),
        graduation_date         date,
        internship_post_id      text,
        preferred_start_date    date,
        applied_at              timestamptz NOT NULL DEFAULT now(),
        decided_at              timestamptz
      );
      CREATE UNIQUE INDEX job_seeker_service_open ON employment.job_seeker_service (person_key, kind) WHERE status = 'ACCEPTED';

      -- Employers' recruitment: 招聘会展位, 网络招聘, 在线面试 (kind: the item code).
      CREATE TABLE employment.recruitment_request (
        request_number       text PRIMARY KEY,
        person_key           text NOT NULL,
        status               text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        kind                 text NOT NULL,
        employer_credit_code text NOT NULL,
        job_fair_id          text,
        booth_count          integer,
        positions            text NOT NULL,
        publish_until        date,
        interview_date       date,
        applied_at           timestamptz NOT NULL DEFAULT now(),
        decided_at           timestamptz
      );
      CREATE INDEX recruitment_request_employer ON employment.recruitment_request (employer_credit_code, kind);

      -- 社会保险补贴: 灵活就业, 吸纳困难人员, 吸纳毕业生, 公益性岗位 (kind: the item code).
      CREATE TABLE employment.employment_subsidy_application (
        application_number   text PRIMARY KEY,
        person_key           text NOT NULL,
        status               text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        kind                 text NOT NULL,
        employer_credit_code text,
        account              text,
        applied_at           timestamptz NOT NULL DEFAULT now(),
        decided_at           timestamptz
      );
      CREATE INDEX employment_subsidy_person ON employment.employment_subsidy_application (person_key, kind);
    `,
  },
];
