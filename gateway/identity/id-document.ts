import { ErrorCode, inputError } from '../../src/errors.js';
import { validateChineseIdNumber } from '../catalog/identity-documents.js';

export type IdDocumentType = 'RESIDENT_ID_CARD' | 'HK_MACAO_PERMIT' | 'TAIWAN_PERMIT' | 'FOREIGN_PERMANENT_RESIDENT' | 'PASSPORT';

// Documents other than the resident ID card have no public check digit: only their shape is checked.
const OTHER_DOCUMENT = /^[A-Z0-9]{5,20}$/;

/**
 * Checks an ID document number and returns it normalised (upper-case X), or throws a GraphQL
 * error `ID_NUMBER_INVALID` naming `field`. The number itself is never put in the message.
 */
export function checkIdDocument(idType: IdDocumentType, idNumber: string, field = 'idNumber'): string {
  const normalised = idNumber.trim().toUpperCase();
  if (idType === 'RESIDENT_ID_CARD') {
    const check = validateChineseIdNumber(normalised);
    if (!check.ok) throw inputError(ErrorCode.ID_NUMBER_INVALID, `${field}: ${check.reason}`, field);
    return normalised;
  }
  if (!OTHER_DOCUMENT.test(normalised)) {
    throw inputError(ErrorCode.ID_NUMBER_INVALID, `${field}: expected 5 to 20 letters or digits for ${idType}`, field);
  }
  return normalised;
}
