// What Chrome 80 cannot run, found in a built script: syntax newer than Chrome 80 (logical
// assignment, private methods, static blocks, top-level await, `#x in o`, regexp /d and /v, import
// attributes) and built-ins newer than it unless filled or guarded. Used on the app's build
// (build-target.spec.ts) and on the evidence worker (evidence.spec.ts), which has no fillers.
import { Parser, type Node } from 'acorn';

/**
 * Built-ins newer than Chrome 80 and the Chrome that brought them. A method is `.name(` not after
 * another dot: `...at(x)` is a spread of a call to a function the minifier named `at`.
 */
export const NEWER_APIS: { name: string; re: RegExp; chrome: number }[] = [
  { name: 'crypto.randomUUID', re: /\brandomUUID\b/, chrome: 92 },
  { name: 'structuredClone', re: /\bstructuredClone\b/, chrome: 98 },
  { name: 'Array/String .at()', re: /(?<!\.\.)\.at\(/, chrome: 92 },
  { name: 'Object.hasOwn', re: /\bObject\.hasOwn\b/, chrome: 93 },
  { name: 'String replaceAll', re: /(?<!\.\.)\.replaceAll\(/, chrome: 85 },
  { name: 'Promise.any', re: /\bPromise\.any\b/, chrome: 85 },
  { name: 'WeakRef', re: /\bWeakRef\b/, chrome: 84 },
  { name: 'FinalizationRegistry', re: /\bFinalizationRegistry\b/, chrome: 84 },
  { name: 'findLast', re: /(?<!\.\.)\.findLast(Index)?\(/, chrome: 97 },
  { name: 'AbortSignal.timeout/any', re: /\bAbortSignal\.(timeout|any)\b/, chrome: 103 },
  { name: 'change-array-by-copy', re: /(?<!\.\.)\.(toSorted|toReversed|toSpliced)\(/, chrome: 110 },
  { name: 'groupBy', re: /\b(Object|Map)\.groupBy\b/, chrome: 117 },
  { name: 'Array.fromAsync', re: /\bArray\.fromAsync\b/, chrome: 121 },
  { name: 'Promise.withResolvers', re: /\bPromise\.withResolvers\b/, chrome: 119 },
  { name: 'replaceChildren', re: /(?<!\.\.)\.replaceChildren\(/, chrome: 86 },
  { name: 'Intl.Segmenter', re: /\bIntl\.Segmenter\b/, chrome: 87 },
  { name: 'Response.json', re: /\bResponse\.json\(/, chrome: 105 },
  { name: 'URL.canParse', re: /\bURL\.canParse\b/, chrome: 120 },
];

/** Filled for the whole app by src/ui/polyfills.ts, the first module main.tsx runs. */
export const POLYFILLED = new Set(['crypto.randomUUID', 'structuredClone', 'Object.hasOwn']);
/** Used only behind a feature test, which must be in the same file. */
export const GUARDED: Record<string, RegExp> = {
  WeakRef: /typeof FinalizationRegistry<["'`]u["'`]&&typeof WeakRef<["'`]u["'`]/,
  FinalizationRegistry: /typeof FinalizationRegistry<["'`]u["'`]&&typeof WeakRef<["'`]u["'`]/,
  // write-excel-file (the spreadsheet export) asks the string first and else replaces by RegExp.
  'String replaceAll': /\b(\w+)\.replaceAll\?\1\.replaceAll\(/,
};

/** Syntax newer than Chrome 80 found in one parsed program. */
function newerSyntax(ast: Node): string[] {
  const found: string[] = [];
  const walk = (node: unknown, fnDepth: number): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) walk(n, fnDepth);
      return;
    }
    const n = node as Record<string, unknown> & { type?: string };
    switch (n.type) {
      case 'AssignmentExpression':
        if (['??=', '||=', '&&='].includes(n.operator as string)) found.push(`logical assignment ${String(n.operator)} (Chrome 85)`);
        break;
      case 'StaticBlock':
        found.push('class static block (Chrome 94)');
        break;
      case 'MethodDefinition':
        if ((n.key as { type?: string }).type === 'PrivateIdentifier') found.push('private method (Chrome 84)');
        break;
      case 'BinaryExpression':
        if ((n.left as { type?: string }).type === 'PrivateIdentifier') found.push('#x in obj (Chrome 91)');
        break;
      case 'AwaitExpression':
        if (fnDepth === 0) found.push('top-level await (Chrome 89)');
        break;
      case 'ForOfStatement':
        if (n.await && fnDepth === 0) found.push('top-level for await (Chrome 89)');
        break;
      case 'Literal': {
        const flags = (n.regex as { flags?: string } | undefined)?.flags ?? '';
        if (/[dv]/.test(flags)) found.push(`regexp flag /${flags} (Chrome 90+)`);
        break;
      }
      case 'ImportExpression':
        if (n.options) found.push('import() options / attributes (Chrome 123)');
        break;
      case 'ImportDeclaration':
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        if (Array.isArray(n.attributes) && n.attributes.length) found.push('import attributes (Chrome 123)');
        break;
    }
    const inner = n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' ? fnDepth + 1 : fnDepth;
    for (const [k, v] of Object.entries(n)) if (k !== 'type' && v && typeof v === 'object') walk(v, inner);
  };
  walk(ast, 0);
  return found;
}

/** Problems of one script for Chrome 80; `filled` names the built-ins its page fills first. */
export function chrome80Problems(file: string, code: string, sourceType: 'script' | 'module', filled: ReadonlySet<string> = new Set()): string[] {
  let ast: Node;
  try {
    ast = Parser.parse(code, { ecmaVersion: 'latest', sourceType, allowHashBang: true });
  } catch (e) {
    return [`${file}: does not parse: ${(e as Error).message}`];
  }
  const problems = [...new Set(newerSyntax(ast))].map((s) => `${file}: ${s}`);
  for (const api of NEWER_APIS) {
    if (!api.re.test(code)) continue;
    if (filled.has(api.name)) continue;
    const guard = GUARDED[api.name];
    if (guard?.test(code)) continue;
    problems.push(`${file}: ${api.name} (Chrome ${api.chrome})`);
  }
  return problems;
}
