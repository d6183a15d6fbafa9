/**
 * The values of the item fields a bundle does not ask but derives (`derive` in the bundle file):
 * a fixed value, or a shared field of the form. The gateway adds them to the item's fields when it
 * stores a submission, so the item's mutation gets them as if they had been asked.
 */
import type { BundleItem } from './catalog-types.js';
import { isEmpty } from './field-values.js';

export function derivedValues(entry: Pick<BundleItem, 'derived'>, sharedFields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { field, from } of entry.derived) {
    const value = 'value' in from ? from.value : sharedFields[from.sharedField];
    if (!isEmpty(value)) values[field.name] = value;
  }
  return values;
}
