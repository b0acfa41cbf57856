// The built app must run on Chrome 80 for Android. Two checks of the OUTPUT, not the config:
// 1. every built script parses, and uses no syntax newer than Chrome 80 (logical assignment,
//    private methods, static blocks, top-level await, `#x in o`, regexp /d and /v, import attributes),
//    and no newer built-in unless it is polyfilled (src/ui/polyfills.ts) or guarded by `typeof`;
// 2. the app works in a page where every built-in newer than Chrome 80 has been deleted.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Parser, type Node } from 'acorn';
import { expect, test } from '@playwright/test';
import { levelLabel } from '../../src/domain/readiness/explain.ts';
import { answerIndicators, enterVillageCounts } from './helpers/app.ts';

const dist = resolve(process.env.E2E_DIST ?? 'dist');

/** Built-ins newer than Chrome 80 and the Chrome that brought them. */
const NEWER_APIS: { name: string; re: RegExp; chrome: number }[] = [
  { name: 'crypto.randomUUID', re: /\brandomUUID\b/, chrome: 92 },
  { name: 'structuredClone', re: /\bstructuredClone\b/, chrome: 98 },
  { name: 'Array/String .at()', re: /\.at\(/, chrome: 92 },
  { name: 'Object.hasOwn', re: /\bObject\.hasOwn\b/, chrome: 93 },
  { name: 'String replaceAll', re: /\.replaceAll\(/, chrome: 85 },
  { name: 'Promise.any', re: /\bPromise\.any\b/, chrome: 85 },
  { name: 'WeakRef', re: /\bWeakRef\b/, chrome: 84 },
  { name: 'FinalizationRegistry', re: /\bFinalizationRegistry\b/, chrome: 84 },
  { name: 'findLast', re: /\.findLast(Index)?\(/, chrome: 97 },
  { name: 'AbortSignal.timeout/any', re: /\bAbortSignal\.(timeout|any)\b/, chrome: 103 },
  { name: 'change-array-by-copy', re: /\.(toSorted|toReversed|toSpliced)\(/, chrome: 110 },
  { name: 'groupBy', re: /\b(Object|Map)\.groupBy\b/, chrome: 117 },
  { name: 'Array.fromAsync', re: /\bArray\.fromAsync\b/, chrome: 121 },
  { name: 'Promise.withResolvers', re: /\bPromise\.withResolvers\b/, chrome: 119 },
  { name: 'replaceChildren', re: /\.replaceChildren\(/, chrome: 86 },
  { name: 'Intl.Segmenter', re: /\bIntl\.Segmenter\b/, chrome: 87 },
  { name: 'Response.json', re: /\bResponse\.json\(/, chrome: 105 },
  { name: 'URL.canParse', re: /\bURL\.canParse\b/, chrome: 120 },
];

/** Filled for the whole app by src/ui/polyfills.ts, the first module main.tsx runs. */
const POLYFILLED = new Set(['crypto.randomUUID', 'structuredClone']);
/** Used only behind a feature test, which must be in the same file. */
const GUARDED: Record<string, RegExp> = {
  WeakRef: /typeof FinalizationRegistry<["'`]u["'`]&&typeof WeakRef<["'`]u["'`]/,
  FinalizationRegistry: /typeof FinalizationRegistry<["'`]u["'`]&&typeof WeakRef<["'`]u["'`]/,
  // write-excel-file (the spreadsheet export) asks the string first and else replaces by RegExp.
  'String replaceAll': /\b(\w+)\.replaceAll\?\1\.replaceAll\(/,
};

function scripts(): string[] {
  const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => join('assets', f));
  return [...assets, 'sw.js'];
}

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

test('the built scripts use no syntax or built-in newer than Chrome 80 (unless filled or guarded)', () => {
  const files = scripts();
  expect(files.length).toBeGreaterThan(5);
  const problems: string[] = [];
  for (const file of files) {
    const code = readFileSync(join(dist, file), 'utf8');
    let ast: Node;
    try {
      ast = Parser.parse(code, { ecmaVersion: 'latest', sourceType: file === 'sw.js' ? 'script' : 'module', allowHashBang: true });
    } catch (e) {
      problems.push(`${file}: does not parse: ${(e as Error).message}`);
      continue;
    }
    for (const s of new Set(newerSyntax(ast))) problems.push(`${file}: ${s}`);
    for (const api of NEWER_APIS) {
      if (!api.re.test(code)) continue;
      if (POLYFILLED.has(api.name)) continue;
      const guard = GUARDED[api.name];
      if (guard?.test(code)) continue;
      problems.push(`${file}: ${api.name} (Chrome ${api.chrome})`);
    }
  }
  expect(problems).toEqual([]);

  // The fillers really are in what index.html runs first.
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(entry).toBeTruthy();
  const entryCode = readFileSync(join(dist, entry!), 'utf8');
  for (const api of ['randomUUID', 'structuredClone']) expect(entryCode.includes(api), `${api} filler in ${entry}`).toBe(true);
});

test('the app works with only the built-ins Chrome 80 has', async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    const drop = (obj: object | undefined, key: string) => {
      if (obj) Reflect.deleteProperty(obj, key);
    };
    const g = globalThis as unknown as Record<string, object | undefined>;
    drop(globalThis.Crypto?.prototype, 'randomUUID');
    drop(globalThis.crypto, 'randomUUID');
    for (const k of ['structuredClone', 'WeakRef', 'FinalizationRegistry', 'AggregateError']) drop(globalThis, k);
    for (const k of ['at', 'findLast', 'findLastIndex', 'toSorted', 'toReversed', 'toSpliced', 'with']) drop(Array.prototype, k);
    for (const k of ['at', 'replaceAll', 'isWellFormed', 'toWellFormed']) drop(String.prototype, k);
    for (const k of ['hasOwn', 'groupBy']) drop(Object, k);
    for (const k of ['any', 'withResolvers']) drop(Promise, k);
    drop(g.Map, 'groupBy');
    drop(Array, 'fromAsync');
    drop(g.AbortSignal, 'timeout');
    drop(g.AbortSignal, 'any');
    drop(Element.prototype, 'replaceChildren');
    drop(g.Intl, 'Segmenter');
    drop(URL, 'canParse');
  });
  await page.goto('/');
  expect(await page.evaluate(() => typeof (globalThis as { structuredClone?: unknown }).structuredClone)).toBe('function'); // filled
  expect(await page.evaluate(() => typeof ([] as unknown as { at?: unknown }).at)).toBe('undefined'); // really gone
  await page.getByRole('button', { name: 'Dữ liệu mẫu' }).click();
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  // Edits of stored rows (clone + new op ids), readiness, the export.
  await enterVillageCounts(page, 'T01', { households: 320 });
  await answerIndicators(page, { 'TC2.3': false });
  await page.goto('/#/muc-do');
  // One indicator judged not met means no level at all (TT25: every indicator of a level must be met).
  await expect(page.getByTestId('level-reached')).toHaveText(levelLabel(0, 'vi'));
  await page.goto('/#/du-lieu');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất dữ liệu' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
});
