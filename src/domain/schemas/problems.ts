// Turns valibot issues into problems a person can act on: a path like `villages[3].familiesRecognized`
// and a code with parameters (`{ code: 'pb.negative', params: { label: 'households' } }`), never a
// sentence: src/i18n/problems.ts says it in Vietnamese or English. Never throws on odd issues:
// unknown ones get a generic code.

import type { BaseIssue } from 'valibot';

/** What a problem's parameters may hold: values it names (a count, a key, a label's key…). */
export type ProblemParams = Readonly<Record<string, string | number | boolean | undefined>>;

/** One thing wrong with an input, at a path, as a code of the catalog's part `pb` with its parameters. */
export interface Problem {
  path: string;
  code: string;
  params?: ProblemParams;
}

// A schema's message carries its code and parameters as one string (valibot messages are strings),
// read back by toProblems.
const MARK = '\u0000';

/** The message of a valibot schema or action: a problem code and its parameters. */
/* @__NO_SIDE_EFFECTS__ */
export function msg(code: string, params?: ProblemParams): string {
  return `${MARK}${JSON.stringify(params ? [code, params] : [code])}`;
}

type PathKey = string | number;

/** `villages[3].familiesRecognized`; keys that are not identifiers are quoted: `answers["TC1.1"].met`. */
/* @__NO_SIDE_EFFECTS__ */
export function formatPath(keys: readonly PathKey[]): string {
  let out = '';
  for (const k of keys) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(k)) out += out ? `.${k}` : k;
    else out += `[${JSON.stringify(k)}]`;
  }
  return out || '$';
}

/* @__NO_SIDE_EFFECTS__ */
function keysOf(issue: BaseIssue<unknown>): PathKey[] {
  return (issue.path ?? []).map((p) => {
    const key = (p as { key?: unknown }).key;
    return typeof key === 'number' ? key : String(key);
  });
}

/** The code and parameters a schema message carries; a generic code for any other message. */
/* @__NO_SIDE_EFFECTS__ */
export function codeOf(message: string): Omit<Problem, 'path'> {
  if (message.startsWith(MARK)) {
    const [code, params] = JSON.parse(message.slice(MARK.length)) as [string, ProblemParams?];
    return params ? { code, params } : { code };
  }
  return { code: 'pb.invalidValue', params: { detail: message } };
}

/** Problems of valibot issues, with `prefix` keys put in front of every path. */
/* @__NO_SIDE_EFFECTS__ */
export function toProblems(issues: readonly BaseIssue<unknown>[], prefix: readonly PathKey[] = []): Problem[] {
  return issues.map((issue) => ({ path: formatPath([...prefix, ...keysOf(issue)]), ...codeOf(issue.message) }));
}

/** The problem for a file or text that is not JSON at all. */
/* @__NO_SIDE_EFFECTS__ */
export function notJsonProblem(detail: string): Problem {
  return { path: '$', code: 'pb.notJson', params: { detail } };
}
