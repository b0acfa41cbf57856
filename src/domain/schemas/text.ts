// Shared building blocks for text and keys: the length caps of names and notes, Unicode
// normalisation, control characters, blank-after-trimming, and the reserved object keys that may
// never be a field name or key. Used by the entity schemas, the wire protocol and the server alike.
import * as v from 'valibot';
import type { LabelName } from './labels.ts';
import { msg } from './problems.ts';
import { RESERVED_KEYS, isReservedKey } from '../sync/limits.ts';

export { RESERVED_KEYS, isReservedKey };

/** Longest name (of a commune, a village, a document…), in UTF-16 units after NFC. */
export const MAX_NAME_LENGTH = 200;
/** Longest note or narrative text. */
export const MAX_NOTE_LENGTH = 5_000;
/** Longest dossier paragraph (the dossier's own, larger cap). */
export const MAX_PARAGRAPH_LENGTH = 50_000;

/** Whether a reserved key is anywhere inside a JSON value (reservedKeyPath without making paths). */
export function hasReservedKey(x: unknown, depth = 0): boolean {
  if (x === null || typeof x !== 'object' || depth > 64) return depth > 64;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) if (hasReservedKey(x[i], depth + 1)) return true;
    return false;
  }
  for (const k in x) {
    if (!Object.prototype.hasOwnProperty.call(x, k)) continue;
    if (RESERVED_KEYS.has(k) || hasReservedKey((x as Record<string, unknown>)[k], depth + 1)) return true;
  }
  return false; // (for…in lists an own `__proto__` that JSON.parse made, as Object.keys does)
}

/**
 * The path of the first reserved key anywhere inside a JSON value (own keys, any depth), or null.
 * `Object.keys` lists an own `__proto__` that JSON.parse made, where `in`-based checks do not.
 */
export function reservedKeyPath(x: unknown, at: (string | number)[] = []): (string | number)[] | null {
  if (x === null || typeof x !== 'object') return null;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const p = reservedKeyPath(x[i], [...at, i]);
      if (p) return p;
    }
    return null;
  }
  for (const k of Object.keys(x)) {
    if (RESERVED_KEYS.has(k)) return [...at, k];
    const p = reservedKeyPath((x as Record<string, unknown>)[k], [...at, k]);
    if (p) return p;
  }
  return null;
}

/** C0 and C1 control characters (tab and newlines excepted, for multi-line texts). */
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Every control character, tab and newlines included (one-line texts). */
const CONTROL_LINE = /[\u0000-\u001F\u007F-\u009F]/;
/** Invisible format characters a name must not consist of or hide: zero-width, bidi overrides. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** Spaces of every script (U+3000 included) plus the zero-width ones JavaScript's \s misses. */
const UNICODE_SPACE = /[\s\u200B-\u200D\u2060\uFEFF]+/g;

/** The text with Unicode spaces (U+200B, U+3000…) trimmed from both ends. */
export function trimUnicode(s: string): string {
  return s.replace(/^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g, '');
}

/** True when nothing but Unicode spaces is left after trimming. */
export function isBlank(s: string): boolean {
  return s.replace(UNICODE_SPACE, '') === '';
}

/**
 * A free text as a person wrote it, made safe to show anywhere (a list in a terminal, a page):
 * NFC, control and invisible characters removed, runs of spaces made one, trimmed, capped.
 * For labels a device sends about itself (its name), where refusing would help nobody.
 */
export function cleanLabel(s: string, max = 100): string {
  return trimUnicode(s.normalize('NFC').replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ').replace(INVISIBLE, '').replace(UNICODE_SPACE, ' ')).slice(0, max);
}

export interface TextRules {
  /** Longest length (UTF-16 units, after NFC). */
  max: number;
  /** Newlines and tabs allowed (notes, narratives). */
  multiline?: boolean;
  /** Must hold something other than spaces. */
  required?: boolean;
}

/**
 * A text field: a string, normalised to NFC, with no control characters, at most `max` long and,
 * when required, not blank after trimming Unicode spaces. The output is the NFC text.
 */
/* @__NO_SIDE_EFFECTS__ */
export function textField(label: LabelName, rules: TextRules) {
  const control = rules.multiline ? CONTROL_MULTILINE : CONTROL_LINE;
  const base = v.pipe(
    v.string(msg('pb.notText', { label })),
    v.normalize('NFC'),
    v.maxLength(rules.max, msg('pb.tooLong', { label, max: rules.max })),
    v.check((s: string) => !control.test(s), msg('pb.control', { label })),
  );
  if (!rules.required) return base;
  return v.pipe(base, v.check((s: string) => !isBlank(s), msg('pb.empty', { label })));
}

/** A name: one line, ≤ 200 characters. */
/* @__NO_SIDE_EFFECTS__ */
export function nameText(label: LabelName, required = false) {
  return textField(label, { max: MAX_NAME_LENGTH, required });
}

/** A note or narrative text: several lines, ≤ 5 000 characters. */
/* @__NO_SIDE_EFFECTS__ */
export function noteText(label: LabelName) {
  return textField(label, { max: MAX_NOTE_LENGTH, multiline: true });
}
