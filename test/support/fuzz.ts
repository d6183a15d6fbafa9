/**
 * Hostile requests for the gateway, generated with fast-check from the public operations of
 * `schema/supergraph.graphql`: documents (well-formed, then mutated), variables of the wrong
 * types, huge / deep / NUL / unicode strings, dates not in the calendar, bad cursors and ids,
 * bad persisted-query extensions, bad JSON bodies and content types, GETs, and any role's token.
 * `checkReply` says what no answer may be: a 5xx, an INTERNAL_SERVER_ERROR, a database's or the
 * JavaScript engine's words.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isAbstractType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { SUPERGRAPH_FILE } from '../../gateway/composition.js';
import { DEMO_PEOPLE } from '../../src/demo/demo-data.js';

/** One request to send: everything about it is generated. */
export interface FuzzRequest {
  readonly method: 'GET' | 'POST';
  /** Index into the tokens the test holds (clerk, citizen, admin …); -1 none, -2 a forged one. */
  readonly token: number;
  readonly contentType: string | null;
  /** POST: the raw body; GET: the query string. */
  readonly body: string;
  /** A short description for the report (the operation, and how it was made hostile). */
  readonly label: string;
}

/** PostgreSQL's and JavaScript engines' own words: no answer may carry them. */
export const ENGINE_TEXT = [
  /invalid input syntax for/i,
  /out of range/i,
  /date\/time field value/i,
  /violates (?:not-null|check|foreign key|unique)/i,
  /duplicate key value/i,
  /relation "[^"]*" does not exist/i,
  /column "[^"]*"/i,
  /syntax error at or near/i,
  /unsupported Unicode escape/i,
  /invalid byte sequence/i,
  /SQLSTATE/,
  /value too long for type/i,
  /operator does not exist/i,
  /canceling statement/i,
  /terminating connection/i,
  /Connection terminated/i,
  /ECONNREFUSED/,
  /Maximum call stack/i,
  /is not a function/i,
  /Cannot read propert/i,
  /Cannot convert/i,
  /undefined is not/i,
  /Unexpected token/i,
  /in JSON at position/i,
  /RangeError/,
  /TypeError/,
  /ReferenceError/,
  /Invalid array length/i,
  /Invalid time value/i,
  /\bat [\w.<>]+ \((?:file:|node:|\/)/,
];

export interface ReplyVerdict {
  readonly serverError: boolean;
  readonly internalError: boolean;
  readonly engineText: string | null;
}

export function checkReply(status: number, text: string): ReplyVerdict {
  const engine = ENGINE_TEXT.find((pattern) => pattern.test(text));
  return { serverError: status >= 500, internalError: text.includes('INTERNAL_SERVER_ERROR'), engineText: engine ? String(engine) : null };
}

const SUPERGRAPH: GraphQLSchema = buildSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'), { assumeValidSDL: true });

/** A public root field: not @inaccessible, so clients can call it. */
interface Operation {
  readonly kind: 'query' | 'mutation';
  readonly field: GraphQLField<unknown, unknown>;
}

/** Every public operation (root field) of the supergraph. */
export const PUBLIC_OPERATIONS: readonly Operation[] = (['query', 'mutation'] as const).flatMap((kind) => {
  const root = kind === 'query' ? SUPERGRAPH.getQueryType() : SUPERGRAPH.getMutationType();
  return Object.values(root?.getFields() ?? {})
    .filter((field) => !field.name.startsWith('_') && !field.astNode?.directives?.some((d) => d.name.value === 'inaccessible'))
    .map((field) => ({ kind, field }));
});

const cursor = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Strings chosen to break things: calendar, encodings, sizes, injections, cursors, ids. */
const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83d',
  '\u202e\u0041',
  '\ufeff',
  '💥'.repeat(50),
  '表'.repeat(3000),
  'x'.repeat(100_000),
  '2025-02-30',
  '2025-02-29',
  '2024-02-30',
  '2025-13-01',
  '2025-00-10',
  '0000-01-01',
  '9999-12-31',
  '10000-01-01',
  '-2025-01-01',
  '2025-1-1',
  '2025-02-28T25:00:00',
  '2025-02-28T23:60:00Z',
  '2025-02-28T12:00:00+99:00',
  '2025-02-30T00:00:00Z',
  'infinity',
  '-infinity',
  'epoch',
  'now',
  'today',
  'allballs',
  "' OR 1=1 --",
  "'; DROP TABLE gateway.submission; --",
  '$1',
  '%s%s%s',
  '${jndi:ldap://127.0.0.1/x}',
  '__proto__',
  'constructor',
  'toString',
  'null',
  'undefined',
  'NaN',
  '{"a":',
  '[[[[',
  '\\',
  '"',
  '\\u0000',
  '\n\r\t',
  '1e309',
  '-0',
  '9223372036854775808',
  '99999999999999999999999',
  cursor({ createdAt: '2025-02-30', id: 'sub_x' }),
  cursor({ createdAt: '2025-02-28T00:00:00Z', id: 'a\u0000' }),
  cursor({ id: '9999999999999999999' }),
  cursor({ id: '-1' }),
  cursor({ id: '1e3' }),
  cursor({ createdAt: 5, id: [] }),
  cursor('not json'),
  cursor('null'),
  cursor({ createdAt: 'x'.repeat(5000), id: 'y' }),
  '!!!not-base64!!!',
  DEMO_PEOPLE.zhangWei.idNumber,
  '32010219850715001X',
  '320102198507150017',
  '320102198502300016',
  '12320506466000125U',
  '91320102MA1X2Y3W3M',
  '000000000000000000',
  'national-unemployment',
  'national-social-security-card',
  'UNEMPLOYMENT_BENEFIT',
  'CARD_APPLICATION',
  'sub_00000000-0000-0000-0000-000000000000',
  'dlg_x',
];

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udc00', '"', '\\', '{', '}', '$', '#', 'a', '1', '-', ':'), maxLength: 30 }),
  },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())) },
);

/** JSON text put into a request as it is: values nested thousands of levels deep, which JSON.stringify cannot write. */
class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify that writes RawJson parts as they are (only RawJson nests deep, so recursion stays shallow). */
export function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** A JSON value nested `depth` levels, alternating objects and lists, as text. */
function nested(depth: number, leaf: unknown): RawJson {
  let open = '';
  let close = '';
  for (let level = 0; level < depth; level += 1) {
    open += level % 2 ? '[' : '{"a":';
    close = (level % 2 ? ']' : '}') + close;
  }
  return new RawJson(open + toJson(leaf) + close);
}

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(hostileString, fc.oneof(hostileString, fc.integer(), fc.constant(null)), { maxKeys: 4 }),
  fc.tuple(fc.integer({ min: 10, max: 6000 }), hostileString).map(([depth, leaf]) => nested(depth, leaf)),
  fc.constantFrom<unknown>({ name: 'a\u0000' }, { 'k\u0000': 1 }, { birthDate: '2025-02-30' }, { __proto__: { x: 1 } }, [], 'text', 12, true),
);

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(2 ** 53, -(2 ** 31) - 1, 2 ** 31, 1e308, -0),
  fc.array(hostileString, { maxLength: 3 }),
  anyJson,
);

/**
 * A value for an input type. `typed`: always of the type GraphQL expects (so it reaches the
 * resolvers and the databases) with hostile contents; otherwise sometimes null or anything at all.
 */
function valueFor(type: GraphQLInputType, depth: number, typed: boolean): fc.Arbitrary<unknown> {
  if (isNonNullType(type))
    return typed
      ? valueFor(type.ofType, depth, typed)
      : fc.oneof({ weight: 9, arbitrary: valueFor(type.ofType, depth, typed) }, { weight: 1, arbitrary: fc.constant(null) });
  const right = rightShape(type, depth, typed);
  return typed ? right : fc.oneof({ weight: 6, arbitrary: right }, { weight: 1, arbitrary: wrongType }, { weight: 1, arbitrary: fc.constant(null) });
}

function rightShape(type: GraphQLInputType, depth: number, typed: boolean): fc.Arbitrary<unknown> {
  if (isListType(type)) return depth > 4 ? fc.constant([]) : fc.array(valueFor(type.ofType, depth + 1, typed), { maxLength: 3 });
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    return typed
      ? fc.constantFrom(...values)
      : fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...values) },
          { weight: 1, arbitrary: fc.constantFrom(...values.map((v) => v.toLowerCase()), `${values[0]}_`, values[0]!.slice(0, -1)) },
        );
  }
  if (isInputObjectType(type)) {
    if (depth > 4) return fc.constant({});
    const fields = Object.values(type.getFields());
    const model = Object.fromEntries(fields.map((field) => [field.name, valueFor(field.type, depth + 1, typed)]));
    const record = fc.record(model, { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) });
    if (typed) return record;
    return fc
      .tuple(record, fc.option(fc.dictionary(hostileString, wrongType, { maxKeys: 2 }), { freq: 5 }))
      .map(([values, extra]) => ({ ...values, ...(extra ?? {}) }));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return fc.oneof(fc.integer({ min: -5, max: 200 }), fc.integer(), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53));
      case 'Float':
        return fc.oneof(fc.double(), fc.integer());
      case 'Boolean':
        return fc.boolean();
      case 'Date':
        return fc.oneof(
          fc.constantFrom('2025-02-28', '2025-02-30', '2024-02-29', '2023-02-29', '0000-01-01', '9999-12-31', '2025-02-28T00:00:00Z'),
          hostileString,
        );
      case 'Decimal':
        return fc.oneof(fc.constantFrom('1820.50', '-0', '1e5', '99999999999999.99', '0.001', 'NaN'), fc.double(), hostileString);
      case 'JSON':
        return anyJson;
      default:
        return hostileString;
    }
  }
  return wrongType;
}

/** A small selection for a return type: a few scalar fields, or `__typename`. */
function selectionFor(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return '';
  if (isAbstractType(named) || !isObjectType(named) || depth > 2) return '{ __typename }';
  const fields = Object.values(named.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
  const leaves = fields
    .filter((f) => isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type)))
    .slice(0, 4)
    .map((f) => f.name);
  const object = fields.find((f) => isObjectType(getNamedType(f.type)));
  const nestedSelection = object && depth < 2 ? ` ${object.name} ${selectionFor(object.type, depth + 1)}` : '';
  return `{ __typename ${leaves.join(' ')}${nestedSelection} }`;
}

/** A well-formed operation on one root field, its variables generated from the argument types. */
function operationRequest(operation: Operation): fc.Arbitrary<{ query: string; variables: Record<string, unknown>; operationName: string; label: string }> {
  const { field, kind } = operation;
  const name = `Fuzz${field.name[0]!.toUpperCase()}${field.name.slice(1)}`;
  const definitions = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const query = `${kind} ${name}${definitions ? `(${definitions})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selectionFor(field.type)} }`;
  const variables = (typed: boolean) =>
    fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, valueFor(arg.type, 0, typed)])), {
      requiredKeys: typed ? field.args.filter((a) => isNonNullType(a.type)).map((a) => a.name) : [],
    });
  return fc
    .oneof({ weight: 3, arbitrary: variables(true) }, { weight: 2, arbitrary: variables(false) })
    .map((values) => ({ query, variables: values, operationName: name, label: `${kind} ${field.name}` }));
}

/** Characters and tokens spliced into documents. */
const DOCUMENT_NOISE = fc.constantFrom(
  '"',
  '"""',
  '{',
  '}',
  '(',
  ')',
  '$',
  '#',
  '\\',
  '\u0000',
  '8f31403dfe404bccbb0e835f2629c6a7',
  '...',
  '@skip(if: true)',
  '§',
  '\ud800',
  ':',
  'query',
  '"\u0000"',
  '1e999',
  '0x1F',
  `"${'a'.repeat(5000)}`,
);

/** A document changed at random places: cut, spliced, repeated, or nested. */
function mutatedDocument(query: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .array(fc.tuple(fc.nat({ max: query.length }), fc.nat({ max: 8 }), fc.oneof(DOCUMENT_NOISE, fc.string({ maxLength: 6 }))), { minLength: 1, maxLength: 4 })
      .map((edits) => edits.reduce((text, [at, remove, insert]) => text.slice(0, at) + insert + text.slice(at + remove), query)),
    fc.nat({ max: query.length }).map((at) => query.slice(0, at)),
    fc.integer({ min: 2, max: 60 }).map((times) => query.replace(/\{ /, `{ ${'__typename '.repeat(times)}`)),
    fc.integer({ min: 20, max: 3000 }).map((depth) => `{ ${'bundles { items { '.repeat(depth)}code${' } }'.repeat(depth)} }`),
    fc.integer({ min: 16, max: 400 }).map((count) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: bundles { code }`).join(' ')} }`),
  );
}

const operationName: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('x'.repeat(200_000), 'NotThere', '', '1abc', 'a b', '\u0000', 'Fuzz'),
  hostileString,
  fc.integer(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
);

const persistedQuery: fc.Arbitrary<unknown> = fc.oneof(
  fc.record(
    {
      version: fc.oneof(fc.constantFrom(1, 2, 0, '1', null), fc.integer()),
      sha256Hash: fc.oneof(fc.constantFrom(1, null, 'a'.repeat(64), 'A'.repeat(64), 'z'.repeat(64)), hostileString),
    },
    { requiredKeys: [] },
  ),
  wrongType,
);

/** The GraphQL part of a request (query, variables, operationName, extensions), made hostile. */
const graphqlParams: fc.Arbitrary<{ params: Record<string, unknown>; label: string }> = fc
  .constantFrom(...PUBLIC_OPERATIONS)
  .chain((operation) => operationRequest(operation))
  .chain((request) =>
    fc
      .record({
        query: fc.oneof(
          { weight: 16, arbitrary: fc.constant<unknown>(request.query) },
          { weight: 4, arbitrary: mutatedDocument(request.query) },
          { weight: 1, arbitrary: fc.oneof(wrongType, fc.constant(undefined)) },
        ),
        variables: fc.oneof({ weight: 20, arbitrary: fc.constant<unknown>(request.variables) }, { weight: 1, arbitrary: wrongType }),
        operationName: fc.oneof(
          { weight: 14, arbitrary: fc.constant<unknown>(request.operationName) },
          { weight: 5, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: operationName },
        ),
        extensions: fc.oneof(
          { weight: 20, arbitrary: fc.constant<unknown>(undefined) },
          { weight: 2, arbitrary: persistedQuery.map((p) => ({ persistedQuery: p })) },
          { weight: 1, arbitrary: wrongType },
        ),
      })
      .map((params) => ({ params: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)), label: request.label })),
  );

/** Bodies that are not a GraphQL-over-HTTP request at all. */
const badBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"query":',
    'null',
    '[]',
    '[{"query":"{ bundles { code } }"}]',
    '12',
    '"text"',
    '{"query":"{ bundles { code } }"',
    '{"query":1}',
    '{"__proto__":{"x":1},"query":"{ bundles { code } }"}',
    '{"constructor":{"prototype":{"x":1}},"query":"{ __typename }"}',
    '\u0000',
    '\ufeff{"query":"{ __typename }"}',
    `{"query":"{ __typename }","variables":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
  ),
  fc.string({ maxLength: 60 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
);

const contentType: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 16, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      null,
      'text/plain',
      'application/graphql',
      'application/graphql-response+json',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/json, text/html',
      'application/xml',
      '*/*',
      'application/jsonx',
      'application/json;;',
    ),
  },
);

/** Any hostile request. `tokens` is how many tokens the test holds. */
export function fuzzRequest(tokens: number): fc.Arbitrary<FuzzRequest> {
  const token = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: tokens - 1 }) }, { weight: 1, arbitrary: fc.constantFrom(-1, -2) });
  const post = fc.record({ graphql: graphqlParams, token, contentType }).map(({ graphql, token: t, contentType: type }): FuzzRequest => {
    return { method: 'POST', token: t, contentType: type, body: toJson(graphql.params), label: graphql.label };
  });
  const get = fc.record({ graphql: graphqlParams, token, preflight: fc.boolean() }).map(({ graphql, token: t, preflight }): FuzzRequest => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(graphql.params)) search.set(key, typeof value === 'string' ? value : toJson(value));
    return { method: 'GET', token: t, contentType: preflight ? 'application/json' : null, body: search.toString(), label: `GET ${graphql.label}` };
  });
  const raw = fc
    .record({ body: badBody, token, contentType })
    .map(({ body, token: t, contentType: type }): FuzzRequest => ({ method: 'POST', token: t, contentType: type, body, label: 'bad body' }));
  return fc.oneof({ weight: 14, arbitrary: post }, { weight: 1, arbitrary: get }, { weight: 1, arbitrary: raw });
}
