import { employmentItemResolvers } from '../generated/items.js';
import { employmentRecords } from '../records.js';
import { employmentWrites } from '../writes.js';
import { entrepreneurshipHandlers } from './entrepreneurship.js';
import { jobSeekerHandlers } from './job-seekers.js';
import { laborRelationHandlers } from './labor-relations.js';
import { recruitmentHandlers } from './recruitment.js';
import { serviceHandlers } from './services.js';

/** The employment subgraph's items: one handler per catalog item (schema/catalog/items/employment.yaml). */
export const employmentItemMutations = {
  // One person's items are serialised (the ledger serialises one key only): two submissions
  // racing for the same person see each other's record instead of colliding.
  ...employmentItemResolvers(
    { ...jobSeekerHandlers, ...laborRelationHandlers, ...entrepreneurshipHandlers, ...serviceHandlers, ...recruitmentHandlers },
    {
      before: (tx, dispatch) => employmentWrites.lockPerson(tx, dispatch.applicant.personId),
    },
  ),
  decideEmploymentItem: employmentRecords.decision,
};
