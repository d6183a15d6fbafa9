import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT as ROOT } from '../../src/paths.js';

/** A reason code and where the source declares or uses it (the first place found). */
export type ReasonCodes = Map<string, string>;

const SOURCE_DIRECTORIES = ['src', 'gateway', 'subgraphs', 'app'];
const UPPER = /^[A-Z][A-Z0-9_]*[A-Z0-9]$/;
/** Objects that list codes by key (`ErrorCode`, `InsuranceRejection`, `CARD_REJECTION_CODES`). */
const REGISTRY_OBJECT = /(ErrorCode|Rejection|REJECTION_CODES)$/;
/** Arrays that list codes (`VALIDATION_ERROR_CODES`). */
const REGISTRY_ARRAY = /_CODES$/;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const unwrap = (node: ts.Expression): ts.Expression =>
  ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node) ? unwrap(node.expression) : node;

/**
 * Every reason code the code base can answer with, read from its syntax (TypeScript's parser, not
 * patterns over text): the keys of the code registries (`ErrorCode`, `InsuranceRejection`,
 * `CARD_REJECTION_CODES`) and the members of code lists (`VALIDATION_ERROR_CODES`); every
 * `code: 'LITERAL'` (a GraphQL error's extensions, a fault, a rejection); and the code argument of
 * every item rejection (`rejected(itemCode, CODE, …)`, `cardRejected(dispatch, CODE, …)`), as a
 * literal or a registry member (`R.NO_PENSION_INSURANCE`).
 */
export function reasonCodesInSource(): ReasonCodes {
  const codes: ReasonCodes = new Map();
  const add = (code: string, file: string, node: ts.Node, source: ts.SourceFile) => {
    if (!UPPER.test(code) || codes.has(code)) return;
    codes.set(code, `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
  };
  for (const file of SOURCE_DIRECTORIES.flatMap((directory) => sourceFiles(join(ROOT, directory)))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        const value = unwrap(node.initializer);
        if (REGISTRY_OBJECT.test(node.name.text) && ts.isObjectLiteralExpression(value)) {
          for (const property of value.properties) if (property.name && ts.isIdentifier(property.name)) add(property.name.text, file, property, source);
        }
        if (REGISTRY_ARRAY.test(node.name.text) && ts.isArrayLiteralExpression(value)) {
          for (const element of value.elements) if (ts.isStringLiteral(element)) add(element.text, file, element, source);
        }
      }
      if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'code' && ts.isStringLiteral(node.initializer)) {
        add(node.initializer.text, file, node, source);
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && /^(r|\w+R)ejected$/.test(node.expression.text)) {
        const argument = node.arguments[1];
        if (argument && ts.isStringLiteral(argument)) add(argument.text, file, argument, source);
        if (argument && ts.isPropertyAccessExpression(argument)) add(argument.name.text, file, argument, source);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return codes;
}
