// The building blocks of every valibot schema of the domain: a strict object, a count, a level, a
// flag, texts, dates, evidence, the "≤" chains — each with messages in Vietnamese and English that
// use the glossary's labels. Lazy (valibot): the first-load path never imports it.
import * as v from 'valibot';
import type { Text } from '../catalog/types.ts';
import { MAX_EVIDENCE_BYTES, SHA256_HEX_RE, STORED_EVIDENCE_TYPES } from '../evidence/limits.ts';
import { isRealDate } from './dates.ts';
import { OTHER_LABELS, inSentence } from './labels.ts';
import { msg } from './problems.ts';
import { nameText, noteText } from './text.ts';

/** A message for a strict object: wrong type, a missing key, or a key it does not know. */
/* @__NO_SIDE_EFFECTS__ */
export function objectMessage(label: Text, keyLabels: Record<string, Text> = {}, unknownKey?: (key: string) => string) {
  return (issue: v.StrictObjectIssue): string => {
    if (issue.expected === 'never') {
      const key = String(issue.input);
      return unknownKey?.(key)
        ?? msg(`Trường "${key}" không được phép trong ${inSentence(label.vi)}`, `Field "${key}" is not allowed in ${label.en}`);
    }
    if (issue.expected?.startsWith('"')) {
      const key = issue.expected.slice(1, -1);
      const l = keyLabels[key];
      return msg(`Thiếu ${l ? inSentence(l.vi) : `trường "${key}"`}`, `${l ? l.en : `Field "${key}"`} is missing`);
    }
    return msg(`${label.vi} phải là một đối tượng JSON ({…})`, `${label.en} must be a JSON object ({…})`);
  };
}

/** A strict object that also refuses arrays (valibot's object schemas accept them). */
/* @__NO_SIDE_EFFECTS__ */
export function strict<const E extends v.ObjectEntries>(
  entries: E, label: Text, keyLabels: Record<string, Text> = {}, unknownKey?: (key: string) => string,
) {
  return v.pipe(
    v.unknown(),
    v.check((x) => !Array.isArray(x), msg(`${label.vi} phải là một đối tượng JSON ({…})`, `${label.en} must be a JSON object ({…})`)),
    v.strictObject(entries, objectMessage(label, keyLabels, unknownKey)),
  );
}

/** Số nguyên ≥ 0: a count. */
/* @__NO_SIDE_EFFECTS__ */
export function countSchema(label: Text) {
  return v.pipe(
    v.number(msg(`${label.vi} phải là một số`, `${label.en} must be a number`)),
    v.safeInteger(msg(`${label.vi} phải là số nguyên`, `${label.en} must be a whole number`)),
    v.minValue(0, msg(`${label.vi} không được là số âm`, `${label.en} must not be negative`)),
  );
}

/** A standard level 0…max. */
/* @__NO_SIDE_EFFECTS__ */
export function levelSchema(label: Text, max: number) {
  return v.pipe(
    v.number(msg(`${label.vi} phải là một số`, `${label.en} must be a number`)),
    v.safeInteger(msg(`${label.vi} phải là số nguyên`, `${label.en} must be a whole number`)),
    v.minValue(0, msg(`${label.vi} phải từ 0 đến ${max}`, `${label.en} must be from 0 to ${max}`)),
    v.maxValue(max, msg(`${label.vi} phải từ 0 đến ${max}`, `${label.en} must be from 0 to ${max}`)),
  );
}

/* @__NO_SIDE_EFFECTS__ */
export function boolSchema(label: Text) {
  return v.boolean(msg(`${label.vi} phải là có hoặc không (true/false)`, `${label.en} must be yes or no (true/false)`));
}

/* @__NO_SIDE_EFFECTS__ */
export function textSchema(label: Text) {
  return v.string(msg(`${label.vi} phải là chữ`, `${label.en} must be text`));
}

/** A required name (not blank after trimming Unicode spaces); the text rules are in text.ts. */
/* @__NO_SIDE_EFFECTS__ */
export function nonEmptyText(label: Text) {
  return nameText(label, true);
}

/** `YYYY-MM-DD`, a real calendar date. */
/* @__NO_SIDE_EFFECTS__ */
export function dateSchema(label: Text) {
  return v.pipe(
    textSchema(label),
    v.check((s: string) => isRealDate(s), msg(
      `${label.vi} phải là một ngày có thật, dạng YYYY-MM-DD`,
      `${label.en} must be a real date written YYYY-MM-DD`,
    )),
  );
}

/** `MM-DD` day of the year (deadlines; 02-29 allowed). */
/* @__NO_SIDE_EFFECTS__ */
export function dayOfYearSchema(label: Text) {
  return v.pipe(
    textSchema(label),
    v.check((s) => /^\d{2}-\d{2}$/.test(s) && isRealDate(`2024-${s}`), msg(
      `${label.vi} phải là ngày/tháng dạng MM-DD`,
      `${label.en} must be a day written MM-DD`,
    )),
  );
}

/* @__NO_SIDE_EFFECTS__ */
export function key(input: Record<string, unknown>, k: string): v.ObjectPathItem {
  return { type: 'object', origin: 'value', input, key: k, value: input[k] };
}

/** The field-level problems of the "≤" rules; fields whose value is absent or wrong are skipped. */
/* @__NO_SIDE_EFFECTS__ */
export function chainProblems(obj: Record<string, unknown>, chains: readonly (readonly string[])[], labels: Record<string, Text>) {
  const out: { key: string; vi: string; en: string }[] = [];
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
          const l = labels[lowKey]!;
          const h = labels[highKey]!;
          out.push({
            key: lowKey,
            vi: `${l.vi} (${low}) không được lớn hơn ${inSentence(h.vi)} (${high})`,
            en: `${l.en} (${low}) must not exceed ${h.en.charAt(0).toLowerCase() + h.en.slice(1)} (${high})`,
          });
        }
        break;
      }
    }
  }
  return out;
}

/* @__NO_SIDE_EFFECTS__ */
export function chainCheck<T>(chains: readonly (readonly string[])[], labels: Record<string, Text>) {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    const value = dataset.value;
    if (!value || typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    for (const p of chainProblems(obj, chains, labels)) addIssue({ message: msg(p.vi, p.en), path: [key(obj, p.key)] });
  });
}

const evidenceKeyLabels = {
  number: OTHER_LABELS.evidenceNumber,
  date: OTHER_LABELS.evidenceDate,
  issuer: OTHER_LABELS.evidenceIssuer,
  title: OTHER_LABELS.evidenceTitle,
  note: OTHER_LABELS.note,
};

/** Số, ngày, cơ quan ban hành, tên văn bản: what the readiness input and the papers cite. */
const evidenceEntries = {
  number: v.optional(nameText(OTHER_LABELS.evidenceNumber)),
  date: v.optional(dateSchema(OTHER_LABELS.evidenceDate)),
  issuer: v.optional(nameText(OTHER_LABELS.evidenceIssuer)),
  title: v.optional(nameText(OTHER_LABELS.evidenceTitle)),
};

/** Minh chứng as stored and synced: the four parts, plus the note older releases allowed. */
export const EvidenceSchema = strict({
  ...evidenceEntries,
  note: v.optional(noteText(OTHER_LABELS.note)),
}, OTHER_LABELS.evidence, evidenceKeyLabels);

/** Minh chứng in the readiness input (assess-format.md): number, date, issuer, title only. */
export const InputEvidenceSchema = strict(evidenceEntries, OTHER_LABELS.evidence, evidenceKeyLabels);

const listMessage = msg(`${OTHER_LABELS.evidence.vi} phải là một danh sách ([…])`, `${OTHER_LABELS.evidence.en} must be a list ([…])`);
export const evidenceList = v.array(EvidenceSchema, listMessage);
export const inputEvidenceList = v.array(InputEvidenceSchema, listMessage);

export const metSchema = v.nullable(v.boolean(msg(
  `${OTHER_LABELS.met.vi} phải là true (Đạt), false (Chưa đạt) hoặc null (chưa có dữ liệu)`,
  `${OTHER_LABELS.met.en} must be true (met), false (not met) or null (no data yet)`,
)));

/** SHA-256 of a file's bytes, 64 lowercase hex digits (the file's identity on phone and server). */
export function sha256Schema(label: Text) {
  return v.pipe(textSchema(label), v.regex(SHA256_HEX_RE, msg(`${label.vi} phải gồm 64 chữ số hệ 16`, `${label.en} must be 64 hex digits`)));
}

/** What kind of file is stored: a JPEG photo or a PDF. */
export function fileTypeSchema(label: Text) {
  return v.picklist(STORED_EVIDENCE_TYPES, msg(`${label.vi} phải là ảnh JPEG hoặc tệp PDF`, `${label.en} must be a JPEG photo or a PDF`));
}

/** A stored file's size in bytes: 1 … MAX_EVIDENCE_BYTES. */
export function fileSizeSchema(label: Text) {
  return v.pipe(
    countSchema(label),
    v.minValue(1, msg(`${label.vi} phải lớn hơn 0`, `${label.en} must be above 0`)),
    v.maxValue(MAX_EVIDENCE_BYTES, msg(`${label.vi} không được quá ${MAX_EVIDENCE_BYTES / 1_000_000} MB`, `${label.en} must be at most ${MAX_EVIDENCE_BYTES / 1_000_000} MB`)),
  );
}

export const levelNoSchema = v.picklist([1, 2], msg(
  `${OTHER_LABELS.level.vi} phải là 1 hoặc 2`, `${OTHER_LABELS.level.en} must be 1 or 2`,
));
