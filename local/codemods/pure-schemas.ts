import { readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';

// Marks each module-level constant whose value is built by calls (zod schemas, shapes built from
// helpers) as free of side effects: `const x = /* @__PURE__ */ (() => <value>)();`. esbuild then drops
// a constant no code in the bundle reads, with the calls that build it, instead of every handler
// building every schema its modules declare at import (docs/decisions.md, "Handler bundles, session
// 17"). tests/infra/handler-bundles.test.ts requires the schema modules to have none left unmarked.
// Usage: node --import tsx local/codemods/pure-schemas.ts <file.ts>...

const MARK = '/* @__PURE__ */ (() => (';

function hasCall(node: ts.Node): boolean {
  if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) {
    return true;
  }
  // A function's body runs when called, not when the constant is made.
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return false;
  return ts.forEachChild(node, hasCall) ?? false;
}

/** The module-level constants built by calls and not marked, as [start, end] of their values. */
export function unmarkedConstants(
  file: string,
  text: string,
): { name: string; start: number; end: number }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: { name: string; start: number; end: number }[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const value = declaration.initializer;
      if (!value || !hasCall(value)) continue;
      if (text.slice(value.getFullStart(), value.getStart(source)).includes('@__PURE__')) continue;
      found.push({
        name: declaration.name.getText(source),
        start: value.getStart(source),
        end: value.getEnd(),
      });
    }
  }
  return found;
}

if (process.argv[1]?.endsWith('pure-schemas.ts')) {
  for (const file of process.argv.slice(2)) {
    let text = readFileSync(file, 'utf8');
    const edits = unmarkedConstants(file, text);
    for (const { start, end } of edits.reverse()) {
      text = `${text.slice(0, start)}${MARK}${text.slice(start, end)}))()${text.slice(end)}`;
    }
    if (edits.length > 0) writeFileSync(file, text);
    console.log(`${file}: ${edits.length}`);
  }
}
