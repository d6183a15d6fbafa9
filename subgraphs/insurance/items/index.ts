import { insuranceItemResolvers } from '../generated/items.js';
import { insuranceWrites } from '../writes.js';
import { insuranceRecords } from '../records.js';
import { registrationHandlers } from './registration.js';
import { transferHandlers } from './transfer.js';
import { unemploymentHandlers } from './unemployment.js';
import { employerHandlers } from './employer.js';
import { retirementHandlers } from './retirement.js';
import { pensionHandlers } from './pension.js';
import { workInjuryHandlers } from './work-injury.js';
import { deathHandlers } from './death.js';

/** The insurance subgraph's items: one handler per catalog item (schema/catalog/items/insurance.yaml). */
export const insuranceItemMutations = {
  // One person's items are serialised (the ledger serialises one key only): two submissions
  // racing for the same person see each other's record instead of colliding.
  ...insuranceItemResolvers(
    {
      ...unemploymentHandlers,
      ...registrationHandlers,
      ...transferHandlers,
      ...employerHandlers,
      ...retirementHandlers,
      ...pensionHandlers,
      ...workInjuryHandlers,
      ...deathHandlers,
    },
    {
      before: (tx, dispatch) => insuranceWrites.lockPerson(tx, dispatch.applicant.personId),
    },
  ),
  decideInsuranceItem: insuranceRecords.decision,
};
