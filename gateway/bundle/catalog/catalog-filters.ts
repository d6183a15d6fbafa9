/** The `bundles` and `items` filters: every given condition must hold. */
import { ErrorCode, inputError } from '../../../src/errors.js';
import { SUBGRAPH_NAMES, type ApplicantKind, type Bundle, type ServiceItem } from '../../../src/catalog/index.js';
import { isAvailable } from './catalog-shapes.js';

export interface BundleFilter {
  readonly applicantKind?: ApplicantKind | null;
  readonly subgraph?: string | null;
  readonly search?: string | null;
}

export interface ItemFilter {
  readonly subgraph?: string | null;
  readonly department?: string | null;
  readonly external?: boolean | null;
  readonly available?: boolean | null;
  readonly search?: string | null;
}

function checkSubgraph(subgraph: string | null | undefined, field: string): void {
  if (subgraph == null || (SUBGRAPH_NAMES as readonly string[]).includes(subgraph)) return;
  throw inputError(ErrorCode.BAD_USER_INPUT, `${field}: expected one of ${SUBGRAPH_NAMES.join(', ')}, got "${subgraph}"`, field);
}

/** Case-insensitive match of a search text against any of the texts; an empty search matches all. */
function matcher(search: string | null | undefined): (texts: Iterable<string>) => boolean {
  const needle = search?.trim().toLowerCase();
  if (!needle) return () => true;
  return (texts) => {
    for (const text of texts) if (text.toLowerCase().includes(needle)) return true;
    return false;
  };
}

const itemTexts = (item: ServiceItem): string[] => [item.code, item.name, ...item.aliases];

export function bundleFilter(filter: BundleFilter | null | undefined): (bundle: Bundle) => boolean {
  const f = filter ?? {};
  checkSubgraph(f.subgraph, 'filter.subgraph');
  const matches = matcher(f.search);
  return (bundle) =>
    (!f.applicantKind || bundle.applicantKind.includes(f.applicantKind)) &&
    (!f.subgraph || bundle.lead === f.subgraph || bundle.participants.includes(f.subgraph)) &&
    matches([bundle.code, bundle.name, ...bundle.items.flatMap((e) => [e.item.name, ...e.item.aliases])]);
}

export function itemFilter(filter: ItemFilter | null | undefined, availableItems: ReadonlySet<string>): (item: ServiceItem) => boolean {
  const f = filter ?? {};
  checkSubgraph(f.subgraph, 'filter.subgraph');
  const matches = matcher(f.search);
  return (item) =>
    (!f.subgraph || (item.owner.kind === 'subgraph' && item.owner.subgraph === f.subgraph)) &&
    (!f.department || (item.owner.kind === 'department' && item.owner.department === f.department)) &&
    (f.external == null || (item.owner.kind === 'department') === f.external) &&
    (f.available == null || isAvailable(item, availableItems) === f.available) &&
    matches(itemTexts(item));
}
