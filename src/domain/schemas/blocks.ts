// The building blocks of every valibot schema of the domain: a strict object, a count, a level, a
// flag, texts, dates, evidence, the "≤" chains — each with its message as a problem code naming
// the glossary's label by key (src/i18n/problems.ts says it in vi or en). Lazy (valibot): the
// first-load path never imports it.
import * as v from 'valibot';
import { MAX_EVIDENCE_BYTES, SHA256_HEX_RE, STORED_EVIDENCE_TYPES } from '../evidence/limits.ts';
import { isRealDate } from './dates.ts';
import type { LabelName } from './labels.ts';
import { msg } from './problems.ts';
import { CODE_RE } from '../sync/limits.ts';
import { nameText, noteText } from './text.ts';

/** What a record's messages name: its label (a glossary label or an entity), for an answer its indicator. */
export interface Labelled { label: LabelName; indicator?: string }

/** A message for a strict object: wrong type, a missing key, or a key it does not know. */
/* @__NO_SIDE_EFFECTS__ */
export function objectMessage(label: Labelled, keyLabels: Record<string, LabelName> = {}, unknownKey?: (key: string) => string) {
  return (issue: v.StrictObjectIssue): string => {
    if (issue.expected === 'never') {
      const key = String(issue.input);
      return unknownKey?.(key) ?? msg('pb.unknownField', { ...label, key });
    }
    if (issue.expected?.startsWith('"')) {
      const key = issue.expected.slice(1, -1);
      const field = keyLabels[key];
      return msg('pb.missing', field ? { field, key } : { key });
    }
    return msg('pb.notObject', { ...label });
  };
}

/** A strict object that also refuses arrays (valibot's object schemas accept them). */
/* @__NO_SIDE_EFFECTS__ */
export function strict<const E extends v.ObjectEntries>(
  entries: E, label: Labelled, keyLabels: Record<string, LabelName> = {}, unknownKey?: (key: string) => string,
) {
  return v.pipe(
    v.unknown(),
    v.check((x) => !Array.isArray(x), msg('pb.notObject', { ...label })),
    v.strictObject(entries, objectMessage(label, keyLabels, unknownKey)),
  );
}

/** Số nguyên ≥ 0: a count. */
/* @__NO_SIDE_EFFECTS__ */
export function countSchema(label: LabelName) {
  return v.pipe(
    v.number(msg('pb.notNumber', { label })),
    v.safeInteger(msg('pb.notInteger', { label })),
    v.minValue(0, msg('pb.negative', { label })),
  );
}

/** A standard level 0…max. */
/* @__NO_SIDE_EFFECTS__ */
export function levelSchema(label: LabelName, max: number) {
  return v.pipe(
    v.number(msg('pb.notNumber', { label })),
    v.safeInteger(msg('pb.notInteger', { label })),
    v.minValue(0, msg('pb.levelRange', { label, max })),
    v.maxValue(max, msg('pb.levelRange', { label, max })),
  );
}

/* @__NO_SIDE_EFFECTS__ */
export function boolSchema(label: LabelName) {
  return v.boolean(msg('pb.notBool', { label }));
}

/* @__NO_SIDE_EFFECTS__ */
export function textSchema(label: LabelName) {
  return v.string(msg('pb.notText', { label }));
}

/** Mã xã, Mã thôn (or an id): letters without marks, digits, dot, hyphen, underscore; ≤ 32. */
/* @__NO_SIDE_EFFECTS__ */
export function codeSchema(label: LabelName) {
  return v.pipe(textSchema(label), v.regex(CODE_RE, msg('pb.notCode', { label })));
}

/** A required name (not blank after trimming Unicode spaces); the text rules are in text.ts. */
/* @__NO_SIDE_EFFECTS__ */
export function nonEmptyText(label: LabelName) {
  return nameText(label, true);
}

/** `YYYY-MM-DD`, a real calendar date. */
/* @__NO_SIDE_EFFECTS__ */
export function dateSchema(label: LabelName) {
  return v.pipe(textSchema(label), v.check((s: string) => isRealDate(s), msg('pb.notDate', { label })));
}

/** `MM-DD` day of the year (deadlines; 02-29 allowed). */
/* @__NO_SIDE_EFFECTS__ */
export function dayOfYearSchema(label: LabelName) {
  return v.pipe(textSchema(label), v.check((s) => /^\d{2}-\d{2}$/.test(s) && isRealDate(`2024-${s}`), msg('pb.notDayOfYear', { label })));
}

/* @__NO_SIDE_EFFECTS__ */
export function key(input: Record<string, unknown>, k: string): v.ObjectPathItem {
  return { type: 'object', origin: 'value', input, key: k, value: input[k] };
}

/** The field-level problems of the "≤" rules; fields whose value is absent or wrong are skipped. */
/* @__NO_SIDE_EFFECTS__ */
export function chainProblems(obj: Record<string, unknown>, chains: readonly (readonly string[])[], labels: Record<string, LabelName>) {
  const out: { key: string; params: { label: LabelName; value: number; above: LabelName; aboveValue: number } }[] = [];
  for (const chain of chains) {
    for (let i = 1; i < chain.length; i++) {
      const lowKey = chain[i]!;
      const low = obj[lowKey];
      if (!Number.isSafeInteger(low) || (low as number) < 0) continue;
      for (let j = i - 1; j >= 0; j--) {
        const highKey = chain[j]!;
        const high = obj[highKey];
        if (!Number.isSafeInteger(high) || (high as number) < 0) continue;
        if ((low as number) > (high as number)) {
          out.push({ key: lowKey, params: { label: labels[lowKey]!, value: low as number, above: labels[highKey]!, aboveValue: high as number } });
        }
        break;
      }
    }
  }
  return out;
}

/* @__NO_SIDE_EFFECTS__ */
export function chainCheck<T>(chains: readonly (readonly string[])[], labels: Record<string, LabelName>) {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    const value = dataset.value;
    if (!value || typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    for (const p of chainProblems(obj, chains, labels)) addIssue({ message: msg('pb.exceeds', p.params), path: [key(obj, p.key)] });
  });
}

const evidenceKeyLabels: Record<string, LabelName> = {
  number: 'evidenceNumber',
  date: 'evidenceDate',
  issuer: 'evidenceIssuer',
  title: 'evidenceTitle',
  note: 'note',
};

/** Số, ngày, cơ quan ban hành, tên văn bản: what the readiness input and the papers cite. */
const evidenceEntries = {
  number: v.optional(nameText('evidenceNumber')),
  date: v.optional(dateSchema('evidenceDate')),
  issuer: v.optional(nameText('evidenceIssuer')),
  title: v.optional(nameText('evidenceTitle')),
};

/** Minh chứng as stored and synced: the four parts, plus the note older releases allowed. */
export const EvidenceSchema = strict({
  ...evidenceEntries,
  note: v.optional(noteText('note')),
}, { label: 'evidence' }, evidenceKeyLabels);

/** Minh chứng in the readiness input (assess-format.md): number, date, issuer, title only. */
export const InputEvidenceSchema = strict(evidenceEntries, { label: 'evidence' }, evidenceKeyLabels);

const listMessage = msg('pb.notList', { label: 'evidence' });
export const evidenceList = v.array(EvidenceSchema, listMessage);
export const inputEvidenceList = v.array(InputEvidenceSchema, listMessage);

export const metSchema = v.nullable(v.boolean(msg('pb.metValue', { label: 'met' })));

/** SHA-256 of a file's bytes, 64 lowercase hex digits (the file's identity on phone and server). */
export function sha256Schema(label: LabelName) {
  return v.pipe(textSchema(label), v.regex(SHA256_HEX_RE, msg('pb.notSha256', { label })));
}

/** What kind of file is stored: a JPEG photo or a PDF. */
export function fileTypeSchema(label: LabelName) {
  return v.picklist(STORED_EVIDENCE_TYPES, msg('pb.notFileType', { label }));
}

/** A stored file's size in bytes: 1 … MAX_EVIDENCE_BYTES. */
export function fileSizeSchema(label: LabelName) {
  return v.pipe(
    countSchema(label),
    v.minValue(1, msg('pb.emptyFile', { label })),
    v.maxValue(MAX_EVIDENCE_BYTES, msg('pb.fileTooLarge', { label, mb: MAX_EVIDENCE_BYTES / 1_000_000 })),
  );
}

export const levelNoSchema = v.picklist([1, 2], msg('pb.levelValue', { label: 'level' }));
