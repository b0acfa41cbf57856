// Valibot schemas of every glossary entity, whole and as one edit's changed fields, with messages
// in Vietnamese and English that use the glossary's labels. Shared by the forms, the db layer, the
// server and the readiness input; must agree with ../assess-types.ts. Never reads app state.

import * as v from 'valibot';
import type { Catalog, Text } from '../catalog/types.ts';
import { indicatorsOf } from '../catalog/index.ts';
import { isRealDate } from './dates.ts';
import {
  COMMUNE_FIGURE_LABELS, FIGURE_LEVEL_MAX, OTHER_LABELS, VILLAGE_COUNT_KEYS, VILLAGE_COUNT_LABELS, inSentence,
  type VillageCountKey,
} from './labels.ts';
import { msg, toProblems, type Problem } from './problems.ts';
import { nameText, noteText } from './text.ts';

// ---------------------------------------------------------------------------------------------
// Building blocks

/** A message for a strict object: wrong type, a missing key, or a key it does not know. */
/* @__NO_SIDE_EFFECTS__ */
function objectMessage(label: Text, keyLabels: Record<string, Text> = {}, unknownKey?: (key: string) => string) {
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
function strict<const E extends v.ObjectEntries>(
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
function countSchema(label: Text) {
  return v.pipe(
    v.number(msg(`${label.vi} phải là một số`, `${label.en} must be a number`)),
    v.safeInteger(msg(`${label.vi} phải là số nguyên`, `${label.en} must be a whole number`)),
    v.minValue(0, msg(`${label.vi} không được là số âm`, `${label.en} must not be negative`)),
  );
}

/** A standard level 0…max. */
/* @__NO_SIDE_EFFECTS__ */
function levelSchema(label: Text, max: number) {
  return v.pipe(
    v.number(msg(`${label.vi} phải là một số`, `${label.en} must be a number`)),
    v.safeInteger(msg(`${label.vi} phải là số nguyên`, `${label.en} must be a whole number`)),
    v.minValue(0, msg(`${label.vi} phải từ 0 đến ${max}`, `${label.en} must be from 0 to ${max}`)),
    v.maxValue(max, msg(`${label.vi} phải từ 0 đến ${max}`, `${label.en} must be from 0 to ${max}`)),
  );
}

/* @__NO_SIDE_EFFECTS__ */
function boolSchema(label: Text) {
  return v.boolean(msg(`${label.vi} phải là có hoặc không (true/false)`, `${label.en} must be yes or no (true/false)`));
}

/* @__NO_SIDE_EFFECTS__ */
function textSchema(label: Text) {
  return v.string(msg(`${label.vi} phải là chữ`, `${label.en} must be text`));
}

/** A required name (not blank after trimming Unicode spaces); the text rules are in text.ts. */
/* @__NO_SIDE_EFFECTS__ */
function nonEmptyText(label: Text) {
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
function dayOfYearSchema(label: Text) {
  return v.pipe(
    textSchema(label),
    v.check((s) => /^\d{2}-\d{2}$/.test(s) && isRealDate(`2024-${s}`), msg(
      `${label.vi} phải là ngày/tháng dạng MM-DD`,
      `${label.en} must be a day written MM-DD`,
    )),
  );
}

/* @__NO_SIDE_EFFECTS__ */
function key(input: Record<string, unknown>, k: string): v.ObjectPathItem {
  return { type: 'object', origin: 'value', input, key: k, value: input[k] };
}

// ---------------------------------------------------------------------------------------------
// Cross-field rules

/** "A ≤ B" rules of the glossary: each count against the nearest present count above it. */
export const VILLAGE_COUNT_CHAINS = [
  ['households', 'familiesRegistered', 'familiesRecognized'],
  ['lineages', 'lineagesRegistered', 'lineagesRecognized'],
  ['citizens', 'citizensRecognized'],
  // "trong đó": people with a degree are among the trained (criteria-tt25-commune.md, TC5.2).
  ['citizens', 'trained', 'university'],
] as const satisfies readonly (readonly VillageCountKey[])[];
const CHAINS: readonly (readonly string[])[] = VILLAGE_COUNT_CHAINS;
const FIGURE_CHAINS: readonly (readonly string[])[] = [['units', 'unitsRecognized']];

/** The field-level problems of the "≤" rules; fields whose value is absent or wrong are skipped. */
/* @__NO_SIDE_EFFECTS__ */
function chainProblems(obj: Record<string, unknown>, chains: readonly (readonly string[])[], labels: Record<string, Text>) {
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

/**
 * The "≤" problems alone, for merged values whose fields each passed their own schema already
 * (the server's per-op check: the record is not parsed again). Paths are field names.
 */
/* @__NO_SIDE_EFFECTS__ */
export function chainRuleProblems(entity: 'villageCounts' | 'communeFigures', values: Record<string, unknown>): Problem[] {
  const found = entity === 'villageCounts' ? chainProblems(values, CHAINS, VILLAGE_COUNT_LABELS) : chainProblems(values, FIGURE_CHAINS, COMMUNE_FIGURE_LABELS);
  return found.map((p) => ({ path: p.key, vi: p.vi, en: p.en }));
}

/* @__NO_SIDE_EFFECTS__ */
function chainCheck<T>(chains: readonly (readonly string[])[], labels: Record<string, Text>) {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    const value = dataset.value;
    if (!value || typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    for (const p of chainProblems(obj, chains, labels)) addIssue({ message: msg(p.vi, p.en), path: [key(obj, p.key)] });
  });
}

// ---------------------------------------------------------------------------------------------
// Village counts

const villageCountEntries = {
  households: v.nullish(countSchema(VILLAGE_COUNT_LABELS.households)),
  familiesRegistered: v.nullish(countSchema(VILLAGE_COUNT_LABELS.familiesRegistered)),
  familiesRecognized: v.nullish(countSchema(VILLAGE_COUNT_LABELS.familiesRecognized)),
  lineages: v.nullish(countSchema(VILLAGE_COUNT_LABELS.lineages)),
  lineagesRegistered: v.nullish(countSchema(VILLAGE_COUNT_LABELS.lineagesRegistered)),
  lineagesRecognized: v.nullish(countSchema(VILLAGE_COUNT_LABELS.lineagesRecognized)),
  citizens: v.nullish(countSchema(VILLAGE_COUNT_LABELS.citizens)),
  citizensRecognized: v.nullish(countSchema(VILLAGE_COUNT_LABELS.citizensRecognized)),
  trained: v.nullish(countSchema(VILLAGE_COUNT_LABELS.trained)),
  university: v.nullish(countSchema(VILLAGE_COUNT_LABELS.university)),
  villageRecognized: v.nullish(boolSchema(VILLAGE_COUNT_LABELS.villageRecognized)),
};
const villageCountsLabel: Text = { vi: 'Số liệu của thôn', en: 'Village counts' };

/** One edit's changed `villageCounts` fields: each optional, `null` clears it, no unknown keys. */
export const VillageCountsFieldsSchema = strict(villageCountEntries, villageCountsLabel, VILLAGE_COUNT_LABELS);

/** The schema's own field order (its output's key order, which the op's content hash sees). */
const VILLAGE_FIELD_ORDER = Object.keys(villageCountEntries);

/**
 * VillageCountsFieldsSchema's output for the shape nearly every edit has — each field a count
 * (a safe integer ≥ 0) or null, `villageRecognized` true/false/null, no other key — made without
 * the schema's machinery (the server parses every op of every batch); undefined for anything
 * else, which the schema itself then judges, with its messages. A property test holds it equal
 * to the schema.
 */
export function fastVillageCountsFields(fields: unknown): Record<string, number | boolean | null> | undefined {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return undefined;
  const input = fields as Record<string, unknown>;
  const out: Record<string, number | boolean | null> = {};
  let n = 0;
  for (const k of VILLAGE_FIELD_ORDER) {
    if (!Object.prototype.hasOwnProperty.call(input, k)) continue;
    const x = input[k];
    if (x === null) out[k] = null;
    else if (k === 'villageRecognized' ? typeof x === 'boolean' : typeof x === 'number' && Number.isSafeInteger(x) && x >= 0) out[k] = x as number | boolean;
    else return undefined;
    n++;
  }
  return n === Object.keys(input).length ? out : undefined;
}

/** Số liệu mô hình học tập của một thôn — whole record, with the "≤" rules. */
export const VillageCountsSchema = v.pipe(VillageCountsFieldsSchema, chainCheck<v.InferOutput<typeof VillageCountsFieldsSchema>>(CHAINS, VILLAGE_COUNT_LABELS));

/** Field-level problems of merged village counts (`{ path: 'familiesRecognized', vi, en }`), for forms. */
/* @__NO_SIDE_EFFECTS__ */
export function validateVillageCounts(merged: unknown): Problem[] {
  const r = v.safeParse(VillageCountsSchema, merged);
  return r.success ? [] : toProblems(r.issues);
}

/** The counts with no data yet (absent or null), in glossary order. */
/* @__NO_SIDE_EFFECTS__ */
export function missingCountKeys(counts: Record<string, unknown>): string[] {
  return [...VILLAGE_COUNT_KEYS, 'villageRecognized'].filter((k) => counts[k] === undefined || counts[k] === null);
}

// ---------------------------------------------------------------------------------------------
// Commune figures

const figureEntries = {
  units: v.nullish(countSchema(COMMUNE_FIGURE_LABELS.units)),
  unitsRecognized: v.nullish(countSchema(COMMUNE_FIGURE_LABELS.unitsRecognized)),
  pcgdPreschool5: v.nullish(boolSchema(COMMUNE_FIGURE_LABELS.pcgdPreschool5)),
  pcgdPrimary: v.nullish(levelSchema(COMMUNE_FIGURE_LABELS.pcgdPrimary, FIGURE_LEVEL_MAX.pcgdPrimary)),
  pcgdLowerSecondary: v.nullish(levelSchema(COMMUNE_FIGURE_LABELS.pcgdLowerSecondary, FIGURE_LEVEL_MAX.pcgdLowerSecondary)),
  literacy: v.nullish(levelSchema(COMMUNE_FIGURE_LABELS.literacy, FIGURE_LEVEL_MAX.literacy)),
  difficultArea: v.nullish(boolSchema(COMMUNE_FIGURE_LABELS.difficultArea)),
};

/** One edit's changed `communeFigures` fields. */
export const CommuneFiguresFieldsSchema = strict(figureEntries, OTHER_LABELS.figures, COMMUNE_FIGURE_LABELS);

/** Số liệu chung của xã — whole record, with unitsRecognized ≤ units. */
export const CommuneFiguresSchema = v.pipe(CommuneFiguresFieldsSchema, chainCheck<v.InferOutput<typeof CommuneFiguresFieldsSchema>>(FIGURE_CHAINS, COMMUNE_FIGURE_LABELS));

/** Field-level problems of merged commune figures, for forms. */
/* @__NO_SIDE_EFFECTS__ */
export function validateCommuneFigures(merged: unknown): Problem[] {
  const r = v.safeParse(CommuneFiguresSchema, merged);
  return r.success ? [] : toProblems(r.issues);
}

// ---------------------------------------------------------------------------------------------
// Evidence and answers

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
const evidenceList = v.array(EvidenceSchema, listMessage);
const inputEvidenceList = v.array(InputEvidenceSchema, listMessage);

const metSchema = v.nullable(v.boolean(msg(
  `${OTHER_LABELS.met.vi} phải là true (Đạt), false (Chưa đạt) hoặc null (chưa có dữ liệu)`,
  `${OTHER_LABELS.met.en} must be true (met), false (not met) or null (no data yet)`,
)));

const answerKeyLabels = {
  met: OTHER_LABELS.met, note: OTHER_LABELS.note, amount: OTHER_LABELS.amount, evidence: OTHER_LABELS.evidence,
};

/* @__NO_SIDE_EFFECTS__ */
function answerLabel(indicatorId?: string): Text {
  return indicatorId
    ? { vi: `Câu trả lời chỉ tiêu ${indicatorId}`, en: `Answer to indicator ${indicatorId}` }
    : OTHER_LABELS.answer;
}

/**
 * A whole answer of the readiness input; `amount` (VND) only where the indicator carries one
 * (TC2.1, TC2.2); evidence of number, date, issuer and title. `stored`: the answer as the phone
 * and the server keep it, whose evidence may also hold the note older releases allowed.
 */
/* @__NO_SIDE_EFFECTS__ */
export function makeAnswerSchema(hasAmount: boolean, indicatorId?: string, stored = false) {
  const label = answerLabel(indicatorId);
  const unknownKey = (k: string) => k === 'amount'
    ? msg(`Chỉ tiêu ${indicatorId ?? ''} không có kinh phí (amount)`.replace('  ', ' '), `Indicator ${indicatorId ?? ''} carries no amount`.replace('  ', ' '))
    : msg(`Trường "${k}" không được phép trong ${inSentence(label.vi)}`, `Field "${k}" is not allowed in ${label.en}`);
  const base = {
    met: metSchema,
    note: v.nullish(noteText(OTHER_LABELS.note)),
    evidence: v.optional(stored ? evidenceList : inputEvidenceList),
  };
  return hasAmount
    ? strict({ ...base, amount: v.nullish(countSchema(OTHER_LABELS.amount)) }, label, answerKeyLabels, unknownKey)
    : strict(base, label, answerKeyLabels, unknownKey);
}

/** One edit's changed `answer` fields. */
export const AnswerFieldsSchema = strict({
  met: v.optional(metSchema),
  note: v.nullish(noteText(OTHER_LABELS.note)),
  amount: v.nullish(countSchema(OTHER_LABELS.amount)),
  evidence: v.nullish(evidenceList),
}, OTHER_LABELS.answer, answerKeyLabels);

// ---------------------------------------------------------------------------------------------
// Decisions, communes, villages

const levelNoSchema = v.picklist([1, 2], msg(
  `${OTHER_LABELS.level.vi} phải là 1 hoặc 2`, `${OTHER_LABELS.level.en} must be 1 or 2`,
));
const decisionKeyLabels = {
  level: OTHER_LABELS.level, decidedOn: OTHER_LABELS.decidedOn, number: OTHER_LABELS.decisionNumber,
};

/** An earlier decision as the readiness input's `history` holds it. */
export const HistoryEntrySchema = strict({
  level: levelNoSchema,
  decidedOn: dateSchema(OTHER_LABELS.decidedOn),
}, OTHER_LABELS.decision, decisionKeyLabels);

/** One edit's changed `decision` fields. */
export const DecisionFieldsSchema = strict({
  level: v.optional(levelNoSchema),
  decidedOn: v.optional(dateSchema(OTHER_LABELS.decidedOn)),
  number: v.nullish(nameText(OTHER_LABELS.decisionNumber)),
}, OTHER_LABELS.decision, decisionKeyLabels);

const communeKeyLabels = {
  code: OTHER_LABELS.communeCode, name: OTHER_LABELS.communeName, province: OTHER_LABELS.province,
  recipient: OTHER_LABELS.recipient, dossierDeadline: OTHER_LABELS.dossierDeadline, decisionDeadline: OTHER_LABELS.decisionDeadline,
};

/** Xã — as the readiness input names it. */
export const CommuneSchema = strict({
  code: nonEmptyText(OTHER_LABELS.communeCode),
  name: nonEmptyText(OTHER_LABELS.communeName),
  province: v.optional(nameText(OTHER_LABELS.province)),
}, OTHER_LABELS.commune, communeKeyLabels);

/**
 * One edit's changed `commune` fields. Recipient and deadlines are configuration since July 2025
 * (each province decides); `dossierDeadline`/`decisionDeadline` are `MM-DD` of the year after, default 02-28 / 03-31.
 */
export const CommuneFieldsSchema = strict({
  name: v.optional(nonEmptyText(OTHER_LABELS.communeName)),
  province: v.nullish(nameText(OTHER_LABELS.province)),
  recipient: v.nullish(nameText(OTHER_LABELS.recipient)),
  dossierDeadline: v.nullish(dayOfYearSchema(OTHER_LABELS.dossierDeadline)),
  decisionDeadline: v.nullish(dayOfYearSchema(OTHER_LABELS.decisionDeadline)),
}, OTHER_LABELS.commune, communeKeyLabels);

const villageKeyLabels = {
  code: OTHER_LABELS.villageCode, name: OTHER_LABELS.villageName, order: OTHER_LABELS.order,
  archived: OTHER_LABELS.archived, ...VILLAGE_COUNT_LABELS,
};

/** One edit's changed `village` fields. */
export const VillageFieldsSchema = strict({
  name: v.optional(nonEmptyText(OTHER_LABELS.villageName)),
  order: v.nullish(countSchema(OTHER_LABELS.order)),
  archived: v.nullish(boolSchema(OTHER_LABELS.archived)),
}, OTHER_LABELS.village, villageKeyLabels);

/** A village of the readiness input: code, name and that year's counts. */
export const VillageInputSchema = v.pipe(
  strict({
    code: nonEmptyText(OTHER_LABELS.villageCode),
    name: v.optional(nameText(OTHER_LABELS.villageName)),
    ...villageCountEntries,
  }, OTHER_LABELS.village, villageKeyLabels),
  chainCheck(CHAINS, VILLAGE_COUNT_LABELS),
);

/** The message for an answer keyed by an id the catalog has not, or has with another kind. */
/* @__NO_SIDE_EFFECTS__ */
function answerKeyMessage(catalog: Catalog) {
  const byId = new Map(indicatorsOf(catalog).map((i) => [i.id, i]));
  return (k: string): string => {
    const ind = byId.get(k);
    if (!ind) return msg(`Không có chỉ tiêu "${k}" trong bộ tiêu chí ${catalog.id}`, `There is no indicator "${k}" in catalog ${catalog.id}`);
    return msg(`Chỉ tiêu ${k} không phải dạng có/không: kết quả được tính từ số liệu`, `Indicator ${k} is not a yes/no indicator: it is computed from the figures`);
  };
}

/** Answers of a catalog: only its yes/no indicators, each with amount where it has one. */
/* @__NO_SIDE_EFFECTS__ */
export function makeAnswersSchema(catalog: Catalog) {
  const entries: Record<string, v.GenericSchema> = {};
  for (const ind of indicatorsOf(catalog)) {
    if (ind.kind === 'yes-no') entries[ind.id] = v.optional(makeAnswerSchema(ind.hasAmount, ind.id));
  }
  return strict(entries, OTHER_LABELS.answers, {}, answerKeyMessage(catalog));
}

// ---------------------------------------------------------------------------------------------
// Op fields by entity

/** The schema of one op's `fields` per entity (dossier fields are owned by the dossier module). */
export const OP_FIELDS_SCHEMAS = {
  commune: CommuneFieldsSchema,
  village: VillageFieldsSchema,
  villageCounts: VillageCountsFieldsSchema,
  communeFigures: CommuneFiguresFieldsSchema,
  answer: AnswerFieldsSchema,
  decision: DecisionFieldsSchema,
} as const;

/** Problems of one op's changed fields for an entity (paths relative to `fields`). */
/* @__NO_SIDE_EFFECTS__ */
export function validateOpFields(entity: keyof typeof OP_FIELDS_SCHEMAS, fields: unknown): Problem[] {
  const r = v.safeParse(OP_FIELDS_SCHEMAS[entity], fields);
  return r.success ? [] : toProblems(r.issues);
}
