import type { Migration } from '../../src/db/migrations.js';
import { recordHistoryMigration } from '../../src/subgraph/records.js';

export const insuranceMigrations: readonly Migration[] = [
  {
    id: '001-employers-schemes-benefits',
    sql: `
      CREATE TABLE insurance.handling_agency (
        region_code text PRIMARY KEY,
        name        text NOT NULL
      );
      CREATE TABLE insurance.employer (
        credit_code    text PRIMARY KEY,
        name           text NOT NULL,
        region_code    text NOT NULL,
        kind           text NOT NULL CHECK (kind IN ('ENTERPRISE', 'PUBLIC_INSTITUTION', 'GOVERNMENT_AGENCY')),
        insured_since  date,
        created_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE insurance.insured_scheme (
        person_key           text NOT NULL,
        scheme               text NOT NULL,
        status               text NOT NULL CHECK (status IN ('CONTRIBUTING', 'SUSPENDED', 'TERMINATED')),
        since                date NOT NULL,
        contribution_months  integer NOT NULL DEFAULT 0 CHECK (contribution_months >= 0),
        employer_credit_code text REFERENCES insurance.employer (credit_code),
        region_code          text NOT NULL REFERENCES insurance.handling_agency (region_code),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_key, scheme)
      );
      CREATE TABLE insurance.benefit (
        benefit_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        person_key     text NOT NULL,
        kind           text NOT NULL,
        status         text NOT NULL CHECK (status IN ('PAYING', 'SUSPENDED', 'ENDED')),
        monthly_amount numeric(15, 2),
        started_on     date NOT NULL,
        ends_on        date,
        created_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX benefit_person ON insurance.benefit (person_key);
    `,
  },
  {
    id: '002-item-records',
    sql: `
      CREATE SEQUENCE insurance.item_number_seq START 1;
      -- 失业保险金申领: one open claim per person.
      CREATE TABLE insurance.unemployment_benefit_claim (
        claim_number        text PRIMARY KEY,
        person_key          text NOT NULL,
        status              text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        unemployment_reason text NOT NULL,
        unemployment_date   date,
        former_employer     text,
        contribution_months integer NOT NULL CHECK (contribution_months >= 12),
        entitled_months     integer NOT NULL CHECK (entitled_months IN (12, 18, 24)),
        monthly_amount      numeric(15, 2),
        bank_account        text,
        region_code         text NOT NULL REFERENCES insurance.handling_agency (region_code),
        benefit_id          bigint REFERENCES insurance.benefit (benefit_id),
        applied_at          timestamptz NOT NULL DEFAULT now(),
        decided_at          timestamptz
      );
      CREATE UNIQUE INDEX unemployment_benefit_claim_open ON insurance.unemployment_benefit_claim (person_key) WHERE status = 'ACCEPTED';
      -- 代缴医疗保险费 and 价格临时补贴, paid alongside the unemployment benefit.
      CREATE TABLE insurance.unemployment_supplement (
        supplement_number text PRIMARY KEY,
        person_key        text NOT NULL,
        kind              text NOT NULL CHECK (kind IN ('MEDICAL_PREMIUM', 'PRICE_SUBSIDY')),
        status            text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        trigger_month     date,
        ends_on           date,
        benefit_id        bigint REFERENCES insurance.benefit (benefit_id),
        applied_at        timestamptz NOT NULL DEFAULT now(),
        decided_at        timestamptz
      );
      CREATE UNIQUE INDEX unemployment_supplement_open ON insurance.unemployment_supplement (person_key, kind) WHERE status = 'ACCEPTED';
      -- Published price indices (year-on-year), for the 价格临时补贴 trigger.
      CREATE TABLE insurance.price_index (
        month                date PRIMARY KEY CHECK (extract(day FROM month) = 1),
        cpi_yoy_percent      numeric(5, 2) NOT NULL,
        food_cpi_yoy_percent numeric(5, 2) NOT NULL
      );
      -- 参保登记 of every kind: flexible employment, resident pension, employee, 增员.
      CREATE TABLE insurance.scheme_registration (
        registration_number  text PRIMARY KEY,
        person_key           text NOT NULL,
        kind                 text NOT NULL CHECK (kind IN ('FLEXIBLE_EMPLOYMENT', 'RESIDENT_PENSION', 'EMPLOYEE', 'CONTRIBUTOR_ADDITION')),
        status               text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        schemes              text[] NOT NULL,
        employee_medical     boolean NOT NULL DEFAULT false,
        employer_credit_code text REFERENCES insurance.employer (credit_code),
        start_date           date,
        contribution_base    numeric(15, 2),
        contribution_grade   integer,
        region_code          text NOT NULL REFERENCES insurance.handling_agency (region_code),
        applied_at           timestamptz NOT NULL DEFAULT now(),
        decided_at           timestamptz
      );
      CREATE UNIQUE INDEX scheme_registration_open ON insurance.scheme_registration (person_key, kind) WHERE status = 'ACCEPTED';
      -- 社保关系转入: one transfer of each kind in progress per person.
      CREATE TABLE insurance.transfer_in (
        transfer_number          text PRIMARY KEY,
        person_key               text NOT NULL,
        kind                     text NOT NULL CHECK (kind IN ('ENTERPRISE_PENSION', 'INSTITUTION_PENSION', 'MILITARY_PENSION', 'MILITARY_SPOUSE_PENSION', 'UNEMPLOYMENT')),
        scheme                   text NOT NULL,
        status                   text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        transfer_out_agency_name text NOT NULL,
        region_code              text NOT NULL REFERENCES insurance.handling_agency (region_code),
        employer_credit_code     text REFERENCES insurance.employer (credit_code),
        applied_at               timestamptz NOT NULL DEFAULT now(),
        decided_at               timestamptz
      );
      CREATE UNIQUE INDEX transfer_in_open ON insurance.transfer_in (person_key, kind) WHERE status = 'ACCEPTED';
    `,
  },
  recordHistoryMigration('insurance', '003-record-history'),
  {
    id: '004-employer-retirement-benefit-change-records',
    sql: `
      -- 城乡居民养老保险关系转入 joins the transfers.
      ALTER TABLE insurance.transfer_in DROP CONSTRAINT transfer_in_kind_check;
      ALTER TABLE insurance.transfer_in ADD CONSTRAINT transfer_in_kind_check
        CHECK (kind IN ('ENTERPRISE_PENSION', 'INSTITUTION_PENSION', 'MILITARY_PENSION', 'MILITARY_SPOUSE_PENSION', 'UNEMPLOYMENT', 'RESIDENT_PENSION'));
      -- 单位参保登记: one open registration per employer; completion creates the employer here.
      CREATE TABLE insurance.employer_registration (
        registration_number     text PRIMARY KEY,
        person_key              text NOT NULL,
        kind                    text NOT NULL DEFAULT 'EMPLOYER' CHECK (kind = 'EMPLOYER'),
        status                  text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        credit_code             text NOT NULL,
        enterprise_name         text NOT NULL,
        employer_kind           text NOT NULL CHECK (employer_kind IN ('ENTERPRISE', 'PUBLIC_INSTITUTION', 'GOVERNMENT_AGENCY')),
        schemes                 text[] NOT NULL,
        by_construction_project boolean NOT NULL DEFAULT false,
        region_code             text NOT NULL REFERENCES insurance.handling_agency (region_code),
        applied_at              timestamptz NOT NULL DEFAULT now(),
        decided_at              timestamptz
      );
      CREATE UNIQUE INDEX employer_registration_open ON insurance.employer_registration (credit_code) WHERE status = 'ACCEPTED';
      -- 减员申报: the employer stops contributing for a person.
      CREATE TABLE insurance.contributor_reduction (
        reduction_number     text PRIMARY KEY,
        person_key           text NOT NULL,
        kind                 text NOT NULL DEFAULT 'REDUCTION' CHECK (kind = 'REDUCTION'),
        status               text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        employer_credit_code text NOT NULL REFERENCES insurance.employer (credit_code),
        reduction_reason     text NOT NULL,
        reduction_date       date NOT NULL,
        schemes              text[] NOT NULL,
        applied_at           timestamptz NOT NULL DEFAULT now(),
        decided_at           timestamptz
      );
      CREATE UNIQUE INDEX contributor_reduction_open ON insurance.contributor_reduction (person_key, employer_credit_code) WHERE status = 'ACCEPTED';
      -- 退休: normal, early, special-work approval, and the one-off payment of who cannot draw a pension.
      CREATE TABLE insurance.retirement_application (
        application_number   text PRIMARY KEY,
        person_key           text NOT NULL,
        kind                 text NOT NULL CHECK (kind IN ('NORMAL', 'EARLY', 'SPECIAL_WORK_APPROVAL', 'LUMP_SUM')),
        status               text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        early_category       text,
        special_work_name    text,
        special_work_nature  text,
        special_work_years   integer,
        special_work_employer text,
        retiree_identity     text,
        statutory_date       date,
        contribution_months  integer,
        minimum_months       integer,
        scheme               text,
        employer_credit_code text REFERENCES insurance.employer (credit_code),
        region_code          text NOT NULL REFERENCES insurance.handling_agency (region_code),
        benefit_id           bigint REFERENCES insurance.benefit (benefit_id),
        applied_at           timestamptz NOT NULL DEFAULT now(),
        decided_at           timestamptz
      );
      CREATE UNIQUE INDEX retirement_application_open ON insurance.retirement_application (person_key, kind) WHERE status = 'ACCEPTED';
      -- 失业保险金停发, 工伤保险待遇补差: a change to a benefit being paid.
      CREATE TABLE insurance.benefit_change (
        change_number  text PRIMARY KEY,
        person_key     text NOT NULL,
        kind           text NOT NULL CHECK (kind IN ('UNEMPLOYMENT_BENEFIT_STOP', 'WORK_INJURY_TOP_UP')),
        status         text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        benefit_id     bigint NOT NULL REFERENCES insurance.benefit (benefit_id),
        applied_at     timestamptz NOT NULL DEFAULT now(),
        decided_at     timestamptz
      );
      CREATE UNIQUE INDEX benefit_change_open ON insurance.benefit_change (person_key, kind) WHERE status = 'ACCEPTED';
    `,
  },
  {
    id: '005-benefit-reviews-adjustments-appraisals',
    sql: `
      ALTER TABLE insurance.scheme_registration DROP CONSTRAINT scheme_registration_kind_check;
      ALTER TABLE insurance.scheme_registration ADD CONSTRAINT scheme_registration_kind_check
        CHECK (kind IN ('FLEXIBLE_EMPLOYMENT', 'RESIDENT_PENSION', 'EMPLOYEE', 'CONTRIBUTOR_ADDITION', 'HIRING', 'INSTITUTION_STAFF'));
      ALTER TABLE insurance.contributor_reduction DROP CONSTRAINT contributor_reduction_kind_check;
      ALTER TABLE insurance.contributor_reduction ADD CONSTRAINT contributor_reduction_kind_check CHECK (kind IN ('REDUCTION', 'TERMINATION_STOP'));
      -- 待遇审核 / 核准 / 申领 join the retirement applications.
      ALTER TABLE insurance.retirement_application DROP CONSTRAINT retirement_application_kind_check;
      ALTER TABLE insurance.retirement_application ADD CONSTRAINT retirement_application_kind_check
        CHECK (kind IN ('NORMAL', 'EARLY', 'SPECIAL_WORK_APPROVAL', 'LUMP_SUM', 'ENTERPRISE_BENEFIT_REVIEW', 'INSTITUTION_BENEFIT_APPROVAL', 'RESIDENT_BENEFIT'));
      ALTER TABLE insurance.retirement_application
        ADD COLUMN benefit_start_date date,
        ADD COLUMN approval_number text,
        ADD COLUMN benefit_account text;
      -- 欠费补缴, 城乡居民养老保险费补缴, 多重关系个人账户退费: contributions put right.
      CREATE TABLE insurance.contribution_adjustment (
        adjustment_number    text PRIMARY KEY,
        person_key           text NOT NULL,
        kind                 text NOT NULL CHECK (kind IN ('ARREARS', 'RESIDENT_ARREARS', 'DUPLICATE_REFUND')),
        status               text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        schemes              text[] NOT NULL,
        payment_method       text,
        period_from          date,
        period_to            date,
        arrears_years        integer,
        annual_contribution  numeric(15, 2),
        employer_credit_code text REFERENCES insurance.employer (credit_code),
        region_code          text NOT NULL REFERENCES insurance.handling_agency (region_code),
        applied_at           timestamptz NOT NULL DEFAULT now(),
        decided_at           timestamptz
      );
      CREATE UNIQUE INDEX contribution_adjustment_open ON insurance.contribution_adjustment (person_key, kind) WHERE status = 'ACCEPTED';
      -- 劳动能力鉴定: one open appraisal per person; a re-appraisal a year after the last conclusion.
      CREATE TABLE insurance.work_ability_appraisal (
        appraisal_number     text PRIMARY KEY,
        person_key           text NOT NULL,
        kind                 text NOT NULL CHECK (kind IN ('WORK_INJURY', 'ILLNESS_RETIREMENT')),
        status               text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        employer_credit_code text REFERENCES insurance.employer (credit_code),
        region_code          text NOT NULL REFERENCES insurance.handling_agency (region_code),
        applied_at           timestamptz NOT NULL DEFAULT now(),
        decided_at           timestamptz
      );
      CREATE UNIQUE INDEX work_ability_appraisal_open ON insurance.work_ability_appraisal (person_key) WHERE status = 'ACCEPTED';
    `,
  },
  {
    id: '006-work-injury-claims',
    sql: `
      -- 工伤: recognition, then the claims a recognised injury gives (工伤保险条例 第五章).
      CREATE TABLE insurance.work_injury_claim (
        claim_number         text PRIMARY KEY,
        person_key           text NOT NULL,
        kind                 text NOT NULL CHECK (kind IN ('RECOGNITION', 'MEDICAL_EXPENSES', 'INPATIENT_FOOD', 'OUT_OF_AREA_REPORT',
                               'OUT_OF_AREA_TRAVEL', 'MEDICAL_REHAB_FOOD', 'ASSISTIVE_DEVICE', 'NON_AGREEMENT_EMERGENCY', 'DISABILITY',
                               'ONE_OFF_MEDICAL_GRANT', 'BENEFIT_CHANGE')),
        status               text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        amount               numeric(15, 2),
        receipt_count        integer,
        disability_grade     text,
        details              jsonb NOT NULL DEFAULT '{}',
        employer_credit_code text REFERENCES insurance.employer (credit_code),
        region_code          text NOT NULL REFERENCES insurance.handling_agency (region_code),
        benefit_id           bigint REFERENCES insurance.benefit (benefit_id),
        applied_at           timestamptz NOT NULL DEFAULT now(),
        decided_at           timestamptz
      );
      CREATE UNIQUE INDEX work_injury_claim_open ON insurance.work_injury_claim (person_key, kind) WHERE status = 'ACCEPTED';
    `,
  },
  {
    id: '007-death-claims',
    sql: `
      -- After a death: survivors' and funeral benefits, account lump sums, cancellations, account changes.
      -- The record's person is the deceased (whose relationship it settles).
      CREATE TABLE insurance.death_claim (
        claim_number   text PRIMARY KEY,
        person_key     text NOT NULL,
        kind           text NOT NULL CHECK (kind IN ('UNEMPLOYMENT_DEATH', 'RESIDENT_CANCELLATION', 'RESIDENT_ACCOUNT_LUMP_SUM', 'RESIDENT_FUNERAL',
                         'WORK_DEATH_GRANTS', 'DEPENDANT_PENSION', 'BENEFIT_ACCOUNT_CHANGE', 'SURVIVOR_BENEFITS', 'PERSONAL_ACCOUNT_LUMP_SUM')),
        status         text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        death_date     date,
        reason         text,
        payee_relationship text,
        details        jsonb NOT NULL DEFAULT '{}',
        region_code    text NOT NULL REFERENCES insurance.handling_agency (region_code),
        applied_at     timestamptz NOT NULL DEFAULT now(),
        decided_at     timestamptz
      );
      CREATE UNIQUE INDEX death_claim_open ON insurance.death_claim (person_key, kind) WHERE status = 'ACCEPTED';
    `,
  },
];
