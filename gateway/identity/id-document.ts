import { ErrorCode, inputError } from '../../src/errors.js';
import { validateChineseIdNumber } from '../../src/catalog/identity-documents.js';

export type IdDocumentType = 'RESIDENT_ID_CARD' | 'HMT_RESIDENCE_PERMIT' | 'HK_MACAO_PERMIT' | 'TAIWAN_PERMIT' | 'FOREIGN_PERMANENT_RESIDENT_ID' | 'PASSPORT';

/** Documents numbered under GB 11643, with its check digit (the HMT residence permit uses 81/82/83 region codes). */
const GB11643_DOCUMENTS = new Set<IdDocumentType>(['RESIDENT_ID_CARD', 'HMT_RESIDENCE_PERMIT']);

// Documents other than the resident ID card have no public check digit: only their shape is checked.
const OTHER_DOCUMENT = /^[A-Z0-9]{5,20}$/;

export interface CheckedIdDocument {
  /** Normalised: trimmed, upper-case X. */
  readonly idNumber: string;
  /** What a GB 11643 number says of its holder; absent for other documents. */
  readonly birthDate?: string;
  readonly gender?: 'MALE' | 'FEMALE';
}

/**
 * Checks an ID document number, or throws a GraphQL error `ID_NUMBER_INVALID` naming `field`.
 * The number itself is never put in the message.
 */
export function checkIdDocument(idType: IdDocumentType, idNumber: string, field = 'idNumber'): CheckedIdDocument {
  const normalised = idNumber.trim().toUpperCase();
  if (GB11643_DOCUMENTS.has(idType)) {
    const check = validateChineseIdNumber(normalised);
    if (!check.ok) throw inputError(ErrorCode.ID_NUMBER_INVALID, `${field}: ${check.reason}`, field);
    return { idNumber: normalised, birthDate: check.birthDate, gender: check.gender };
  }
  if (!OTHER_DOCUMENT.test(normalised)) {
    throw inputError(ErrorCode.ID_NUMBER_INVALID, `${field}: expected 5 to 20 letters or digits for ${idType}`, field);
  }
  return { idNumber: normalised };
}
