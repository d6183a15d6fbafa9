/** The catalog: bundles (一件事) and service items as validated data, and pure logic over them. */
export { loadCatalog, defaultCatalogDir } from './load-catalog.js';
export { CatalogError, formatFault, type CatalogFault } from './catalog-error.js';
export * from './catalog-types.js';
export { evaluateRule, ruleReferences, describeRule, type Rule, type RuleContext, type Truth, type Scalar } from './rules.js';
export {
  BundleUsageError,
  defaultSelection,
  entriesFor,
  modeOf,
  resolveSelection,
  scenarioOf,
  type ResolvedSelection,
  type RuleAddedItem,
} from './selection.js';
export { mergedForm, type BundleForm, type FormField, type FormItem, type FormMaterial } from './merged-form.js';
export { bundleTimeLimit, combineTimeLimits, type BundleTimeLimit, type ItemTimeLimit } from './time-limit.js';
export {
  validateBundle,
  VALIDATION_ERROR_CODES,
  type BundleInput,
  type BundleValidation,
  type MaterialNeed,
  type MaterialNeedStatus,
  type ValidationError,
  type ValidationErrorCode,
} from './validate-bundle.js';
export { fieldValueProblem, isEmpty, isValidDate } from './field-values.js';
export { validateChineseIdNumber, validateCreditCode, type IdNumberResult, type CreditCodeResult } from './identity-documents.js';
export { derivedValues } from './derive-values.js';
export { graphqlTypeOf, inputFieldOf, mutationInputTypeName, itemInputFields, itemInputSDL, enumSDL, CUSTOM_SCALARS } from './graphql-type.js';
export { bundleGuide, type ServiceGuide } from './bundle-guide.js';
export { ownerName } from './resolve-bundle.js';
