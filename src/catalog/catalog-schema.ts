/**
 * Zod schemas of the catalog's YAML files, as written. Every object is strict (no unknown
 * keys). Cross-file references are checked afterwards, in `cross-check.ts`.
 */
import { z } from 'zod';
import type { Rule } from './rules.js';
import {
  APPLICANT_KINDS,
  CHANNELS,
  SHARED_RECORD_SOURCES,
  FIELD_TYPES,
  FIELDS_SOURCES,
  MODES,
  SELECTIONS,
  SOURCE_DOCUMENTS,
  SUBGRAPH_NAMES,
} from './catalog-types.js';

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (iss) => `expected one of ${values.join(' | ')}, got ${JSON.stringify(iss.input)}`,
  });

const pattern = (re: RegExp, what: string) =>
  z
    .string({ error: (iss) => `expected ${what}, got ${JSON.stringify(iss.input)}` })
    .regex(re, { error: (iss) => `expected ${what}, got ${JSON.stringify(iss.input)}` });

export const upperSnake = pattern(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/, 'UPPER_SNAKE');
export const camelCase = pattern(/^[a-z][a-zA-Z0-9]*$/, 'camelCase');
export const pascalCase = pattern(/^[A-Z][a-zA-Z0-9]*$/, 'PascalCase');
export const kebabOrUpperSnake = pattern(/^([a-z][a-z0-9]*(-[a-z0-9]+)*|[A-Z][A-Z0-9]*(_[A-Z0-9]+)*)$/, 'kebab-case or UPPER_SNAKE');
export const kebabCase = pattern(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'kebab-case');
const text = z.string({ error: (iss) => `expected text, got ${JSON.stringify(iss.input)}` }).min(1, 'must not be empty');
const scalar = z.union([z.string(), z.number(), z.boolean()], { error: 'expected a string, number or boolean' });

const RULE_KINDS = ['chosen', 'all', 'any', 'not', 'field', 'fact', 'scenario'] as const;

/** A rule: exactly one kind key (`field` goes with `equals` or `includes`). */
export const ruleSchema: z.ZodType<Rule> = z.lazy(
  () =>
    z
      .strictObject({
        chosen: upperSnake.optional(),
        all: z.array(ruleSchema).min(1).optional(),
        any: z.array(ruleSchema).min(1).optional(),
        not: ruleSchema.optional(),
        field: pattern(/^([A-Z][A-Z0-9_]*\.)?[a-z][a-zA-Z0-9]*$/, 'a field name or ITEM_CODE.fieldName').optional(),
        equals: scalar.optional(),
        includes: scalar.optional(),
        fact: camelCase.optional(),
        scenario: upperSnake.optional(),
      })
      .superRefine((r, ctx) => {
        const kinds = RULE_KINDS.filter((k) => r[k] !== undefined);
        if (kinds.length !== 1) {
          ctx.addIssue({ code: 'custom', message: `a rule needs exactly one of ${RULE_KINDS.join(', ')}; got ${kinds.length ? kinds.join(', ') : 'none'}` });
          return;
        }
        const isField = kinds[0] === 'field';
        const ops = (r.equals !== undefined ? 1 : 0) + (r.includes !== undefined ? 1 : 0);
        if (isField && ops !== 1) ctx.addIssue({ code: 'custom', message: 'a field rule needs exactly one of equals, includes' });
        if (!isField && ops !== 0) ctx.addIssue({ code: 'custom', message: 'equals/includes go only with field' });
      }) as unknown as z.ZodType<Rule>,
);

export const enumValueSchema = z.strictObject({ value: upperSnake, label: text });

const fieldBase = {
  name: camelCase,
  label: text,
  type: oneOf(FIELD_TYPES),
  required: z.boolean(),
  enum: pascalCase.optional(),
  values: z.array(enumValueSchema).min(1).optional(),
  description: text.optional(),
  idTypeField: camelCase.optional(),
};

function checkFieldShape(f: { type: string; enum?: string | undefined; values?: unknown; idTypeField?: string | undefined }, ctx: z.RefinementCtx): void {
  const isEnum = f.type === 'ENUM' || f.type === 'ENUM_LIST';
  if (isEnum && !f.enum) ctx.addIssue({ code: 'custom', path: ['enum'], message: `type ${f.type} needs an enum name` });
  if (!isEnum && f.enum) ctx.addIssue({ code: 'custom', path: ['enum'], message: `enum is only for ENUM or ENUM_LIST, not ${f.type}` });
  if (!isEnum && f.values) ctx.addIssue({ code: 'custom', path: ['values'], message: `values are only for ENUM or ENUM_LIST, not ${f.type}` });
  if (f.idTypeField && f.type !== 'ID_NUMBER') ctx.addIssue({ code: 'custom', path: ['idTypeField'], message: 'idTypeField is only for ID_NUMBER' });
}

export const itemFieldSchema = z
  .strictObject({
    ...fieldBase,
    requiredWhen: ruleSchema.optional(),
    derived: z.boolean().optional(),
    /**
     * What the item does when a bundle does not ask this required field (`omit`/`only` in the
     * bundle): the item copes without it, so its mutation input takes it as optional.
     */
    whenAbsent: text.optional(),
  })
  .superRefine((f, ctx) => {
    checkFieldShape(f, ctx);
    if (f.whenAbsent !== undefined && !f.required) {
      ctx.addIssue({ code: 'custom', path: ['whenAbsent'], message: 'whenAbsent is for a required field (an optional one may be left out anyway)' });
    }
  });
export type RawItemField = z.infer<typeof itemFieldSchema>;

export const sharedFieldSchema = z.strictObject(fieldBase).superRefine(checkFieldShape);
export type RawSharedField = z.infer<typeof sharedFieldSchema>;

const localPolicyRef = z.strictObject({ localPolicy: camelCase });

export const handlingSchema = z
  .strictObject({
    kind: oneOf(['INSTANT', 'TIME_LIMITED'] as const),
    workingDays: z
      .union([z.number().int().positive(), localPolicyRef, z.null()], {
        error: 'expected a positive whole number of working days, {localPolicy: key}, or null (set by local policy)',
      })
      .optional(),
    calendarDays: z.number().int().positive().optional(),
    basis: text,
    applicantDeadline: text.optional(),
  })
  .superRefine((h, ctx) => {
    const hasWorking = 'workingDays' in h;
    const hasCalendar = h.calendarDays !== undefined;
    if (h.kind === 'INSTANT' && (hasWorking || hasCalendar)) {
      ctx.addIssue({ code: 'custom', message: 'an INSTANT item has no workingDays or calendarDays' });
    }
    if (h.kind === 'TIME_LIMITED' && hasWorking === hasCalendar) {
      ctx.addIssue({ code: 'custom', message: 'a TIME_LIMITED item needs exactly one of workingDays (number, {localPolicy}, or null) and calendarDays' });
    }
    if (h.workingDays === null && h.basis !== 'set by local policy' && !h.basis.startsWith('set by local policy')) {
      ctx.addIssue({ code: 'custom', path: ['basis'], message: 'an item with workingDays: null must say "set by local policy" in its basis' });
    }
  });

/** A material id, or {id, when?: rule, key?: boolean} (the item's own say on whether it is key). */
const materialRef = z.union([kebabCase, z.strictObject({ id: kebabCase, when: ruleSchema.optional(), key: z.boolean().optional() })], {
  error: 'expected a material id or {id, when?, key?}',
});

export const itemSchema = z.strictObject({
  code: upperSnake,
  name: text,
  aliases: z.array(text).optional(),
  subgraph: oneOf(SUBGRAPH_NAMES).optional(),
  department: text.optional(),
  applicantKind: z.array(oneOf(APPLICANT_KINDS)).min(1),
  handling: handlingSchema,
  commitmentAllowed: z.boolean(),
  commitmentChannels: z.array(oneOf(CHANNELS)).min(1).optional(),
  materials: z.array(materialRef),
  mutation: camelCase.optional(),
  /** The subgraph handles the item: its mutation is generated and its handler is required. */
  implemented: z.boolean().optional(),
  fieldsSource: oneOf(FIELDS_SOURCES),
  notes: z.array(text).optional(),
  // A shared field the item needs: always, or only when a rule on the item's own fields holds.
  sharedFields: z.array(z.union([camelCase, z.strictObject({ name: camelCase, requiredWhen: ruleSchema })])).optional(),
  fields: z.array(itemFieldSchema),
});
export type RawItem = z.infer<typeof itemSchema>;

export const itemsFileSchema = z.strictObject({ items: z.array(itemSchema) });

/**
 * How the gateway fills an item field a bundle does not ask: a fixed value the bundle implies
 * (工亡: 减员原因 死亡), or one of the bundle's shared fields (工亡: 减员时间 = 死亡时间).
 */
export const derivationSchema = z.union(
  [z.strictObject({ value: z.union([scalar, z.array(upperSnake).min(1)]), basis: text }), z.strictObject({ sharedField: camelCase, basis: text })],
  { error: 'expected {value, basis} or {sharedField, basis}' },
);
export type RawDerivation = z.infer<typeof derivationSchema>;

const sharedFieldEntry = z.union([camelCase, z.strictObject({ name: camelCase, required: z.boolean().optional(), requiredWhen: ruleSchema.optional() })], {
  error: 'expected a shared field name or {name, required?, requiredWhen?}',
});

const personFieldsShape = {
  idType: camelCase.optional(),
  idNumber: camelCase,
  name: camelCase.optional(),
  gender: camelCase.optional(),
  birthDate: camelCase.optional(),
  phone: camelCase.optional(),
};

/** `roles`: which shared fields name the subject and the applicant (see BundleRoles). */
export const rolesSchema = z.strictObject({
  subject: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('PERSON'), ...personFieldsShape }),
    z.strictObject({
      kind: z.literal('EMPLOYER'),
      /** The shared field repeating the credit code (it must equal employerCreditCode). */
      creditCode: camelCase.optional(),
      name: camelCase.optional(),
      /** The worker the items are about (招用, 解除终止); absent: the handler (招聘). */
      person: z.strictObject(personFieldsShape).optional(),
    }),
  ]),
  applicant: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('SUBJECT') }),
    z.strictObject({ kind: oneOf(['FAMILY_MEMBER', 'EMPLOYER_HANDLER'] as const), ...personFieldsShape, relationship: camelCase.optional() }),
  ]),
});
export type RawRoles = z.infer<typeof rolesSchema>;

export const bundleSchema = z.strictObject({
  code: kebabOrUpperSnake,
  name: text,
  source: z.strictObject({ document: oneOf(SOURCE_DOCUMENTS), number: z.number().int().positive() }),
  basis: z.array(text).min(1),
  applicantKind: z.array(oneOf(APPLICANT_KINDS)).min(1),
  lead: text,
  participants: z.array(text),
  mode: oneOf(MODES).optional(),
  scenarios: z
    .array(
      z.strictObject({
        code: upperSnake,
        name: text,
        applicantKind: z.array(oneOf(APPLICANT_KINDS)).min(1).optional(),
        mode: oneOf(MODES).optional(),
        roles: rolesSchema.optional(),
      }),
    )
    .min(2)
    .optional(),
  sharedFieldsSource: oneOf(FIELDS_SOURCES).optional(),
  sharedFields: z.array(sharedFieldEntry).min(1),
  roles: rolesSchema.optional(),
  items: z
    .array(
      z.strictObject({
        item: upperSnake,
        selection: oneOf(SELECTIONS),
        when: ruleSchema.optional(),
        scenarios: z.array(upperSnake).min(1).optional(),
        section: text.optional(),
        reason: text.optional(),
        fieldValues: z.record(camelCase, z.array(upperSnake).min(1)).optional(),
        // The item's fields this bundle's source lists: every other one is not asked (`only`), or
        // these are not asked (`omit`); `derive` fills a field from the form instead of asking it.
        only: z.array(camelCase).optional(),
        omit: z.array(camelCase).min(1).optional(),
        derive: z.record(camelCase, derivationSchema).optional(),
      }),
    )
    .min(1),
  notes: z.array(text).optional(),
  guide: z.strictObject({
    conditions: z.array(text).min(1),
    process: z.array(text).min(1),
    where: z.array(text).min(1),
    fees: text,
  }),
});
export type RawBundle = z.infer<typeof bundleSchema>;

export const enumsFileSchema = z.strictObject({
  enums: z.array(z.strictObject({ name: pascalCase, values: z.array(enumValueSchema).min(1) })),
});
export const sharedFieldsFileSchema = z.strictObject({ fields: z.array(sharedFieldSchema).min(1) });
export const materialsFileSchema = z.strictObject({
  materials: z.array(
    z.strictObject({
      id: kebabCase,
      name: text,
      description: text.optional(),
      /** Default true: a key material (核心材料) missing refuses; a non-key one may follow (容缺受理). */
      key: z.boolean().optional(),
      /** The back-office record that holds it already for a person (免提交). */
      sharedRecord: oneOf(SHARED_RECORD_SOURCES).optional(),
    }),
  ),
});
export const factsFileSchema = z.strictObject({
  facts: z.array(z.strictObject({ name: camelCase, label: text })),
});
export const localPolicyFileSchema = z.strictObject({
  policies: z.record(
    camelCase,
    z.strictObject({
      label: text,
      // null: no honest default exists; the figure is set by local policy (and shown as such).
      value: z.number().nonnegative().nullable(),
      unit: oneOf(['WORKING_DAYS', 'DAYS', 'YUAN', 'YEARS', 'MONTHS', 'PERCENT'] as const),
      basis: text.regex(/local/i, 'a local-policy basis must say it is local'),
    }),
  ),
});
