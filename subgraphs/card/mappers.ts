/** Rows of the card tables as the GraphQL types show them. */
import { effectiveState } from './card-lifecycle.js';
import type { CardApplicationRow, CardLossReportRow, CardReplacementRow, CardRow, CardServiceRecordRow, PersonRow } from './store.js';

export function toCard(row: CardRow) {
  const status = effectiveState(row);
  return {
    cardNumber: row.card_number,
    status,
    issuedOn: row.issued_on,
    validUntil: row.valid_until,
    generation: row.generation,
    temporaryLossExpiresAt: status === 'TEMPORARILY_LOST' ? (row.temporary_loss_expires_at?.toISOString() ?? null) : null,
    insuranceFunctionEnabled: row.insurance_function_enabled,
    bankAccount: row.bank_account && row.bank_name ? { bankName: row.bank_name, accountNumber: row.bank_account, activated: row.bank_activated } : null,
    // The electronic card follows the physical card's state (经办条例 art. 7).
    electronicCardStatus: status,
  };
}

export interface CardTransitionRow {
  card_number: string;
  from_status: string | null;
  to_status: string;
  event: string;
  channel: string | null;
  changed_at: Date;
}

/** The history shows what changed, when and through what; not who (a person key or a staff id). */
export function toTransition(row: CardTransitionRow) {
  return { from: row.from_status, to: row.to_status, event: row.event, channel: row.channel, at: row.changed_at.toISOString() };
}

export function toApplication(row: CardApplicationRow) {
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

export function toReplacement(row: CardReplacementRow) {
  return {
    id: row.replacement_number,
    person: { id: row.person_key },
    kind: row.kind,
    status: row.status,
    reason: row.reason,
    appliedAt: row.applied_at.toISOString(),
    replacedCardNumber: row.replaced_card_number,
    issuedCardNumber: row.issued_card_number,
  };
}

export function toLossReport(row: CardLossReportRow) {
  return {
    id: row.report_number,
    person: { id: row.person_key },
    operation: row.operation,
    channel: row.channel,
    reportedAt: row.reported_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    cardNumber: row.card_number,
  };
}

export function toServiceRecord(row: CardServiceRecordRow) {
  return {
    id: row.record_number,
    person: { id: row.person_key },
    service: row.service,
    channel: row.channel,
    performedAt: row.performed_at.toISOString(),
    cardNumber: row.card_number,
  };
}

export function toPerson(row: PersonRow) {
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
