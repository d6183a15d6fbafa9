import { decideInsuranceItem } from './decide.js';
import { registrationItemMutations } from './registration.js';
import { transferItemMutations } from './transfer.js';
import { unemploymentItemMutations } from './unemployment.js';

/** The insurance subgraph's items: one resolver per catalog item (schema/catalog/items/insurance.yaml). */
export const insuranceItemMutations = {
  ...unemploymentItemMutations,
  ...registrationItemMutations,
  ...transferItemMutations,
  decideInsuranceItem,
};
