/**
 * The region rule shared by the gateway and the subgraphs (which must not import the gateway):
 * where a person belongs, and whether a caller bound to a region prefix may reach them.
 */

/** 行政区划 code of a person, from a GB 11643 document number (its first six digits). */
export function regionOfDocument(idType: string, idNumber: string): string | null {
  return (idType === 'RESIDENT_ID_CARD' || idType === 'HMT_RESIDENCE_PERMIT') && /^\d{6}/.test(idNumber) ? idNumber.slice(0, 6) : null;
}

/**
 * A caller bound to `prefix` reaches a region only under it; `""` is province- or nation-wide
 * staff. A person without a region (a foreign passport) is reached only by nation-wide staff.
 */
export function withinRegionPrefix(prefix: string, region: string | null): boolean {
  return prefix === '' || (region !== null && region.startsWith(prefix));
}
