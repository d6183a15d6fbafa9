import type { ApolloServerPlugin } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  GraphQLError,
  Kind,
  OperationTypeNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type FieldNode,
} from 'graphql';
import { callerMayReach } from '../../src/auth/internal-context.js';
import { regionOfDocument } from '../../src/auth/row-access.js';
import { ErrorCode } from '../../src/errors.js';
import { personKey } from '../../src/identity/person-key.js';
import type { Principal } from '../auth/principal.js';
import type { GatewayContext } from '../context.js';

/**
 * How each root field (entry point) of the supergraph keeps to the row rules (README § Who may do
 * what). Scopes (`@requiresScopes`) say which roles may call a field; this table says how the
 * call is then held to the persons the caller may reach:
 *
 * - `public`: the catalog; reaches no person.
 * - `no-person`: reaches no person's data (validation against the catalog, aggregates, employers).
 * - `resolver`: the bundle resolver applies the rules itself before it reads anything (`person`,
 *   submissions, delegations, the audit trail) — gateway/auth/.
 * - `holder-in-subgraph`: the owning subgraph finds the person (e.g. a card's holder) and checks
 *   them against the signed internal context (region, own key), and names them for the audit trail.
 *
 * Item mutations (every Mutation field with a `dispatch: ItemDispatchInput!` argument) need no row
 * here: their applicant is checked before anything executes (below), and again by the subgraph.
 * A root field with neither a row nor a `dispatch` argument is refused: a new entry point is
 * closed until someone decides how it keeps to the rules.
 */
export const ENTRY_POINTS: Readonly<Record<string, 'public' | 'no-person' | 'resolver' | 'holder-in-subgraph'>> = {
  'Query.bundles': 'public',
  'Query.bundle': 'public',
  'Query.items': 'public',
  'Query.item': 'public',
  'Query.form': 'public',
  'Query.formSchema': 'public',
  'Query.guide': 'public',
  'Query.validateBundle': 'no-person',
  'Query.statistics': 'no-person',
  // 免申即办 runs: counts only; a run reaches the persons of the caller's region alone (the resolver, then the subgraph).
  'Query.proactiveRun': 'no-person',
  'Query.proactiveRuns': 'no-person',
  'Mutation.startProactiveRun': 'resolver',
  'Query.employer': 'no-person',
  'Query.person': 'resolver',
  'Query.submission': 'resolver',
  'Query.submissions': 'resolver',
  'Query.auditEvents': 'resolver',
  'Mutation.submitBundle': 'resolver',
  'Mutation.registerDelegation': 'resolver',
  'Mutation.revokeDelegation': 'resolver',
  'Mutation.decideSubmissionItem': 'resolver',
  'Query.socialSecurityCard': 'holder-in-subgraph',
  'Mutation.recordCardMade': 'holder-in-subgraph',
  'Mutation.recordDepartmentAnswer': 'resolver',
  'Query.materialsOnFile': 'resolver',
  'Query.prefill': 'resolver',
  'Query.commitmentBreaches': 'resolver',
  'Mutation.addSubmissionMaterial': 'resolver',
  'Mutation.recordCommitmentVerification': 'resolver',
  // 好差评, 办不成事, the counter's worklist (gateway/feedback, gateway/worklist): the case's own read rule, or the clerk's region.
  'Query.ratings': 'resolver',
  'Query.ratingFollowUps': 'resolver',
  'Query.notDoneReports': 'resolver',
  'Query.feedbackStatistics': 'no-person',
  'Query.counterWorklist': 'resolver',
  'Mutation.rateSubmission': 'resolver',
  'Mutation.recordRatingFollowUp': 'resolver',
  'Mutation.reportNotDone': 'resolver',
  'Mutation.answerNotDoneReport': 'resolver',
};

/** An item mutation: a Mutation field taking the item contract's `dispatch: ItemDispatchInput!`. */
export function isItemMutation(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.some((arg) => arg.name === 'dispatch' && getNamedType(arg.type).name === 'ItemDispatchInput');
}

interface ApplicantArgument {
  readonly personId: string;
  readonly idType: string;
  readonly idNumber: string;
}

/** The root fields an operation selects, through inline fragments and fragment spreads. */
function rootFields(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fields.push(...rootFields(selection.selectionSet, fragments, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) fields.push(...rootFields(fragment.selectionSet, fragments, seen));
    }
  }
  return fields;
}

const refuse = (message: string, code: ErrorCode, field: string, status: number) =>
  new GraphQLError(message, { extensions: { code, field, http: { status } } });

/**
 * An item mutation called directly (a clerk at the counter): the applicant's `personId` must be
 * the key of its ID document, and the caller must be allowed to reach that person — the rule the
 * subgraph applies again with the signed context. The person is named in the audit trail either way.
 */
function checkItemMutation(coordinate: string, applicant: ApplicantArgument, principal: Principal, context: GatewayContext): void {
  if (principal.kind === 'anonymous') throw refuse(`${coordinate} needs a bearer token`, ErrorCode.UNAUTHENTICATED, coordinate, 401);
  // Exactly as the subgraph recomputes it, so the two never disagree.
  const key = personKey(context.personKeySecret, applicant.idType, applicant.idNumber);
  context.audit.touch(key);
  if (key !== applicant.personId) {
    throw refuse(
      "dispatch.applicant.personId: does not match the applicant's ID document",
      ErrorCode.APPLICANT_KEY_MISMATCH,
      'dispatch.applicant.personId',
      400,
    );
  }
  const caller = {
    role: principal.role,
    ...(principal.regionPrefix !== undefined ? { region: principal.regionPrefix } : {}),
    ...(principal.personKey !== undefined ? { personKey: principal.personKey } : {}),
  };
  if (
    !callerMayReach(
      { subject: principal.subject, scopes: [], requestId: '', ...caller },
      { key, region: regionOfDocument(applicant.idType, applicant.idNumber) },
    )
  ) {
    throw refuse(
      `the applicant is outside the caller's region ${principal.regionPrefix ?? ''}`.trim(),
      ErrorCode.FORBIDDEN,
      'dispatch.applicant.idNumber',
      403,
    );
  }
}

/** Checks every root field of the operation against ENTRY_POINTS, before anything executes. */
export function checkEntryPoints(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  context: GatewayContext,
): void {
  const root: GraphQLObjectType | null | undefined =
    operation.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return;
  for (const node of rootFields(operation.selectionSet, fragments)) {
    const name = node.name.value;
    if (name.startsWith('__')) continue;
    const field = root.getFields()[name];
    if (!field) continue; // validation has refused it already
    const coordinate = `${root.name}.${name}`;
    if (root === schema.getMutationType() && isItemMutation(field)) {
      let applicant: Partial<Record<keyof ApplicantArgument, unknown>> | undefined;
      try {
        applicant = (getArgumentValues(field, node, variables) as { dispatch?: { applicant?: typeof applicant } }).dispatch?.applicant;
      } catch {
        applicant = undefined;
      }
      if (!applicant || typeof applicant.personId !== 'string' || typeof applicant.idType !== 'string' || typeof applicant.idNumber !== 'string') {
        throw refuse('dispatch.applicant: expected personId, idType and idNumber', ErrorCode.BAD_USER_INPUT, 'dispatch.applicant', 400);
      }
      checkItemMutation(coordinate, applicant as ApplicantArgument, context.principal, context);
      continue;
    }
    if (!ENTRY_POINTS[coordinate]) {
      throw refuse(`${coordinate} has no access rule yet: it is closed`, ErrorCode.FORBIDDEN, coordinate, 403);
    }
  }
}

/** The plugin: after the scopes (requireScopesPlugin), before any resolver or subgraph runs. */
export function entryPointsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const fragments = new Map(
            document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
          );
          checkEntryPoints(schema, operation, fragments, request.variables ?? {}, contextValue);
        },
      };
    },
  };
}
