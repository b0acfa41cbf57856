// Turns valibot issues into problems a person can act on: a path like `villages[3].familiesRecognized`
// and a message in Vietnamese and English. Never throws on odd issues: unknown ones get a generic text.

import type { BaseIssue } from 'valibot';
import type { Text } from '../catalog/types.ts';

/** One thing wrong with an input, at a path, in both locales. */
export interface Problem {
  path: string;
  vi: string;
  en: string;
}

// Schema messages carry both locales in one string, split again by toProblems.
const SEP = '\u0000';

/** A two-locale message for a valibot schema or action. */
/* @__NO_SIDE_EFFECTS__ */
export function msg(vi: string, en: string): string {
  return `${vi}${SEP}${en}`;
}

/** The message of a Text, for valibot. */
/* @__NO_SIDE_EFFECTS__ */
export function msgOf(t: Text): string {
  return msg(t.vi, t.en);
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

/** Problems of valibot issues, with `prefix` keys put in front of every path. */
/* @__NO_SIDE_EFFECTS__ */
export function toProblems(issues: readonly BaseIssue<unknown>[], prefix: readonly PathKey[] = []): Problem[] {
  return issues.map((issue) => {
    const path = formatPath([...prefix, ...keysOf(issue)]);
    const i = issue.message.indexOf(SEP);
    if (i >= 0) return { path, vi: issue.message.slice(0, i), en: issue.message.slice(i + SEP.length) };
    return { path, vi: 'Giá trị không hợp lệ', en: issue.message };
  });
}

/** The problem for a file or text that is not JSON at all. */
/* @__NO_SIDE_EFFECTS__ */
export function notJsonProblem(detail: string): Problem {
  return {
    path: '$',
    vi: `Nội dung không phải JSON hợp lệ (${detail})`,
    en: `The content is not valid JSON (${detail})`,
  };
}
