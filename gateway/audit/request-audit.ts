/**
 * What one request did to whose data, collected by the resolvers that know (the person lookup,
 * submitBundle, submission reads) and written as audit events when the response is sent.
 */
export class RequestAudit {
  /** Opaque person keys whose data the request read or changed. */
  readonly persons = new Set<string>();
  /** For a proxy (帮办代办): the delegation acted under, and the principal person. */
  delegation: { readonly id: string; readonly principalPersonKey: string } | undefined;
  /** submitBundle: who applied, when not the subject themselves (family member, employer's handler), and for which employer. */
  roles: { readonly applicantRole: string; readonly applicantPersonKey: string | null; readonly subjectCreditCode: string | null } | undefined;
  /** The submission a mutation created or changed. */
  submissionId: string | undefined;

  touch(personKey: string): void {
    this.persons.add(personKey);
  }
}
