/**
 * The catalog through GraphQL (schema/bundle-catalog.graphql): bundles, items, the merged form,
 * the guide and a dry-run validation. Read-only: nothing here stores or sends anything.
 */
import { ErrorCode, inputError } from '../../src/errors.js';
import { formJsonSchema } from '../../src/catalog/form-json-schema.js';
import { bundleGuide, BundleUsageError, defaultSelection, mergedForm, validateBundle, type Bundle, type Catalog } from '../../src/catalog/index.js';
import type { GatewayContext } from '../context.js';
import { bundleFilter, itemFilter, type BundleFilter, type ItemFilter } from './catalog/catalog-filters.js';
import { bundleShape, itemShape } from './catalog/catalog-shapes.js';
import { formShape, guideShape, validationShape } from './catalog/form-shapes.js';

type Context = Pick<GatewayContext, 'catalog' | 'availableItems'>;

interface ValidateBundleArgs {
  readonly input: {
    readonly bundleCode: string;
    readonly scenario?: string | null;
    readonly sharedFields: unknown;
    readonly items: ReadonlyArray<{ readonly code: string; readonly fields?: unknown }>;
    readonly materials?: readonly string[] | null;
    readonly commitments?: readonly string[] | null;
    readonly channel?: string | null;
    readonly employerCreditCode?: string | null;
  };
}

/** Where each usage error points in the arguments of `form` and `guide`. */
const USAGE_ERROR_FIELD: Record<BundleUsageError['code'], string> = {
  SCENARIO_REQUIRED: 'scenario',
  SCENARIO_NOT_FOUND: 'scenario',
  ITEM_NOT_IN_BUNDLE: 'items',
};

export function bundleOrThrow(catalog: Catalog, code: string): Bundle {
  const bundle = catalog.bundles.get(code);
  if (!bundle) throw inputError(ErrorCode.BUNDLE_NOT_FOUND, `unknown bundle "${code}"`, 'bundleCode');
  return bundle;
}

/** Runs catalog logic, turning its BundleUsageError into a GraphQL error with a stable code. */
export function usingBundle<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof BundleUsageError) {
      throw inputError(ErrorCode[error.code], error.message, USAGE_ERROR_FIELD[error.code]);
    }
    throw error;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function jsonObject(value: unknown, field: string): Readonly<Record<string, unknown>> {
  if (value == null) return {};
  if (!isObject(value)) throw inputError(ErrorCode.BAD_USER_INPUT, `${field}: expected a JSON object`, field);
  return value;
}

export const catalogResolvers = {
  Query: {
    bundles: (_: unknown, args: { filter?: BundleFilter | null }, context: Context) => {
      const keep = bundleFilter(args.filter);
      return [...context.catalog.bundles.values()].filter(keep).map((b) => bundleShape(context, b));
    },
    bundle: (_: unknown, args: { code: string }, context: Context) => {
      const bundle = context.catalog.bundles.get(args.code);
      return bundle ? bundleShape(context, bundle) : null;
    },
    items: (_: unknown, args: { filter?: ItemFilter | null }, context: Context) => {
      const keep = itemFilter(args.filter, context.availableItems);
      return [...context.catalog.items.values()].filter(keep).map((i) => itemShape(context, i));
    },
    item: (_: unknown, args: { code: string }, context: Context) => {
      const item = context.catalog.items.get(args.code);
      return item ? itemShape(context, item) : null;
    },
    form: (_: unknown, args: { bundleCode: string; scenario?: string | null; items?: readonly string[] | null }, context: Context) => {
      const bundle = bundleOrThrow(context.catalog, args.bundleCode);
      return usingBundle(() => {
        const chosen = args.items ?? defaultSelection(bundle, args.scenario);
        return formShape(context.catalog, mergedForm(bundle, args.scenario, chosen));
      });
    },
    formSchema: (_: unknown, args: { bundleCode: string; scenario?: string | null; items?: readonly string[] | null }, context: Context) => {
      const bundle = bundleOrThrow(context.catalog, args.bundleCode);
      return usingBundle(() => formJsonSchema(mergedForm(bundle, args.scenario, args.items ?? defaultSelection(bundle, args.scenario))));
    },
    guide: (_: unknown, args: { bundleCode: string; scenario?: string | null }, context: Context) => {
      const bundle = bundleOrThrow(context.catalog, args.bundleCode);
      return usingBundle(() => guideShape(bundleGuide(bundle, args.scenario)));
    },
    validateBundle: (_: unknown, { input }: ValidateBundleArgs, context: Context) => {
      const validation = validateBundle(context.catalog, {
        bundleCode: input.bundleCode,
        scenario: input.scenario ?? null,
        sharedFields: jsonObject(input.sharedFields, 'input.sharedFields'),
        items: input.items.map((item, i) => ({ code: item.code, fields: jsonObject(item.fields, `input.items[${i}].fields`) })),
        materials: input.materials ?? [],
        commitments: input.commitments ?? [],
        channel: input.channel ?? null,
        employerCreditCode: input.employerCreditCode ?? null,
      });
      return validationShape(context.catalog, validation);
    },
  },
};
