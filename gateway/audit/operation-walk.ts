import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** An object of the result around a leaf: the types it may be (by the selection) and its selected values. */
export interface EnclosingObject {
  readonly types: ReadonlySet<string>;
  readonly object: Readonly<Record<string, unknown>>;
}

export type LeafMapper = (coordinates: ReadonlySet<string>, value: unknown, enclosing: readonly EnclosingObject[]) => unknown;

/** A selection set and the type it selects on. */
interface Scoped {
  readonly type: GraphQLCompositeType;
  readonly selectionSet: SelectionSetNode;
}

/** What one response key of an object holds: the field coordinates it may be, and their sub-selections. */
interface ResponseEntry {
  readonly coordinates: Set<string>;
  readonly children: Scoped[];
}

/**
 * Walks an operation with its schema: aliases, inline fragments and fragment spreads resolved
 * to schema coordinates (`Type.field`). Where an object's concrete type is unknown (an abstract
 * type without `__typename` in the result), every possible type counts: conservative.
 */
export class OperationWalk {
  private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly operation: OperationDefinitionNode,
  ) {
    this.fragments = new Map(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
  }

  private root(): Scoped | undefined {
    const type = this.schema.getRootType(this.operation.operation);
    return type ? { type, selectionSet: this.operation.selectionSet } : undefined;
  }

  /** Every field coordinate the operation selects (root fields included, `__typename` and introspection left out). */
  selectedCoordinates(): string[] {
    const found = new Set<string>();
    const seen = new Map<SelectionSetNode, Set<string>>();
    const visit = (scoped: Scoped[]) => {
      for (const entry of this.collect(scoped, undefined).values()) {
        for (const coordinate of entry.coordinates) found.add(coordinate);
        // The same selection under the same type is walked once (fragments used many times).
        const fresh = entry.children.filter((child) => {
          const types = seen.get(child.selectionSet) ?? new Set<string>();
          seen.set(child.selectionSet, types);
          if (types.has(child.type.name)) return false;
          types.add(child.type.name);
          return true;
        });
        if (fresh.length) visit(fresh);
      }
    };
    const root = this.root();
    if (root) visit([root]);
    return [...found].sort();
  }

  /**
   * Calls `leaf` for every leaf value in `data` with the coordinates it may be and the objects that
   * enclose it (outermost first, each with the types it may be), replacing the value with what
   * `leaf` returns (lists of leaves element by element).
   */
  mapLeaves(data: Record<string, unknown>, leaf: LeafMapper): void {
    const root = this.root();
    if (root) this.walkObject(data, [root], leaf, []);
  }

  private walkObject(object: Record<string, unknown>, scoped: Scoped[], leaf: LeafMapper, enclosing: readonly EnclosingObject[]): void {
    const typename = typeof object.__typename === 'string' ? object.__typename : undefined;
    for (const [key, entry] of this.collect(scoped, typename)) {
      if (!(key in object)) continue;
      object[key] = this.walkValue(object[key], entry, leaf, enclosing);
    }
  }

  private walkValue(value: unknown, entry: ResponseEntry, leaf: LeafMapper, enclosing: readonly EnclosingObject[]): unknown {
    if (value === null || value === undefined) return value;
    if (Array.isArray(value)) return value.map((element) => this.walkValue(element, entry, leaf, enclosing));
    if (entry.children.length > 0 && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      const types = new Set(entry.children.map((child) => child.type.name));
      this.walkObject(object, entry.children, leaf, [...enclosing, { types, object }]);
      return value;
    }
    return leaf(entry.coordinates, value, enclosing);
  }

  /** The response keys of selections on an object (of concrete type `typename` when known). */
  private collect(scoped: readonly Scoped[], typename: string | undefined): Map<string, ResponseEntry> {
    const entries = new Map<string, ResponseEntry>();
    const concrete = typename ? this.schema.getType(typename) : undefined;
    const known = concrete && isObjectType(concrete) ? concrete : undefined;
    const applies = (condition: GraphQLCompositeType) => {
      if (!known) return true;
      return condition === known || (isAbstractType(condition) && this.schema.isSubType(condition, known));
    };
    const spread = new Set<string>();
    const add = ({ type, selectionSet }: Scoped) => {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const name = selection.name.value;
          if (name.startsWith('__')) continue;
          const key = selection.alias?.value ?? name;
          const entry = entries.get(key) ?? { coordinates: new Set<string>(), children: [] };
          entries.set(key, entry);
          const owners: (GraphQLObjectType | GraphQLCompositeType)[] = isObjectType(type) ? [type] : known ? [known] : [...this.schema.getPossibleTypes(type)];
          if (isInterfaceType(type)) owners.push(type);
          for (const owner of owners) {
            if (isObjectType(owner) || isInterfaceType(owner)) {
              const field = owner.getFields()[name];
              if (!field) continue;
              entry.coordinates.add(`${owner.name}.${name}`);
              const returned = getNamedType(field.type);
              if (
                selection.selectionSet &&
                isCompositeType(returned) &&
                !entry.children.some((c) => c.selectionSet === selection.selectionSet && c.type === returned)
              ) {
                entry.children.push({ type: returned, selectionSet: selection.selectionSet });
              }
            }
          }
        } else {
          // A fragment spread once per object (an invalid, cyclic document cannot loop).
          if (selection.kind === Kind.FRAGMENT_SPREAD && spread.has(selection.name.value)) continue;
          if (selection.kind === Kind.FRAGMENT_SPREAD) spread.add(selection.name.value);
          const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? this.fragments.get(selection.name.value) : selection;
          if (!fragment) continue;
          const condition = fragment.typeCondition ? this.schema.getType(fragment.typeCondition.name.value) : type;
          if (condition && isCompositeType(condition) && applies(condition)) add({ type: condition, selectionSet: fragment.selectionSet });
        }
      }
    };
    for (const s of scoped) add(s);
    return entries;
  }
}
