/** The cross-subgraph `person` query of the README: one field group from each subgraph. */
export const PERSON_ACROSS_SUBGRAPHS = `query Person($idType: IdDocumentType!, $idNumber: String!) {
  person(idType: $idType, idNumber: $idNumber) {
    id
    name gender birthDate idNumber
    socialSecurityCard { status bankAccount { bankName } }
    employmentRegistrations { employer { creditCode name } startedOn endedOn }
    unemploymentStatus { registered hardToEmploy }
    insuredSchemes { scheme status contributionMonths agency { regionCode } }
    handlingAgency { regionCode name }
    benefits { kind monthlyAmount }
    personnelArchive { holder status }
    partyMembership { category joinedOn }
    appointments { post postCategory institution { name kind } }
  }
}`;
