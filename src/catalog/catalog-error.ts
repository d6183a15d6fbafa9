/** The one error a faulty catalog raises: every fault, each naming its file and path. */
export interface CatalogFault {
  /** File as shown to people (relative to the working directory when inside it). */
  readonly file: string;
  /** Path inside the file, e.g. `items[3].item`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

export function formatFault(f: CatalogFault): string {
  return f.path ? `${f.file}: ${f.path}: ${f.message}` : `${f.file}: ${f.message}`;
}

export class CatalogError extends Error {
  readonly code = 'CATALOG_INVALID' as const;
  readonly faults: readonly CatalogFault[];

  constructor(faults: readonly CatalogFault[]) {
    const n = faults.length;
    super(`catalog invalid (${n} fault${n === 1 ? '' : 's'}):\n${faults.map((f) => `  ${formatFault(f)}`).join('\n')}`);
    this.name = 'CatalogError';
    this.faults = Object.freeze([...faults]);
  }
}

/** Formats a path array the way people write it: `items[3].fields[0].name`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Collects faults; the loader throws them all at once. */
export class Faults {
  readonly list: CatalogFault[] = [];
  add(file: string, path: string, message: string): void {
    this.list.push({ file, path, message });
  }
}
