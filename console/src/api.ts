// The console's only way out: POST /graphql on its own origin with the bearer token.
// Registered agent-terminal operations go by hash (Apollo's APQ format), as a terminal must send
// them; the few that only counter staff run go as query text.

/** Operation name → sha256 of the registered document, put in at build time (scripts/build-console.ts). */
declare const PERSISTED_OPERATIONS: Record<string, string>;

export interface GraphQLFault {
  message: string;
  extensions?: { code?: string; field?: string; errors?: ValidationFault[] };
}

export interface ValidationFault {
  code: string;
  message: string;
  field: string;
}

/** A refused operation: its faults as the gateway sent them, and the HTTP status. */
export class OperationError extends Error {
  constructor(
    readonly faults: GraphQLFault[],
    readonly status: number,
  ) {
    super(faults.map((fault) => fault.message).join('；') || `HTTP ${status}`);
  }

  get code(): string | undefined {
    return this.faults[0]?.extensions?.code;
  }
}

async function post<Data>(token: string, body: Record<string, unknown>): Promise<Data> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  } catch {
    throw new OperationError([{ message: '无法连接服务，请检查网络后重试' }], 0);
  }
  let parsed: { data?: Data | null; errors?: GraphQLFault[] };
  try {
    parsed = (await response.json()) as typeof parsed;
  } catch {
    throw new OperationError([{ message: `服务应答异常（HTTP ${response.status}）` }], response.status);
  }
  if (parsed.errors?.length || !parsed.data) throw new OperationError(parsed.errors ?? [], response.status);
  return parsed.data;
}

/** Runs a registered operation by its hash. */
export function persisted<Data>(token: string, operationName: string, variables: Record<string, unknown>): Promise<Data> {
  const sha256Hash = PERSISTED_OPERATIONS[operationName];
  if (!sha256Hash) throw new Error(`operation ${operationName} is not registered (schema/persisted-operations)`);
  return post<Data>(token, { variables, extensions: { persistedQuery: { version: 1, sha256Hash } } });
}

/** Runs an operation by its text (counter staff only: terminals may not). */
export function query<Data>(token: string, document: string, variables: Record<string, unknown> = {}): Promise<Data> {
  return post<Data>(token, { query: document, variables });
}

/** The claims of a token, read for display and for choosing the mode; the gateway verifies it. */
export interface TokenClaims {
  sub?: string;
  role?: string;
  region?: string;
  terminal?: string;
  channel?: string;
  items?: string[];
  exp?: number;
}

export function claimsOf(token: string): TokenClaims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? claims : undefined;
  } catch {
    return undefined;
  }
}
