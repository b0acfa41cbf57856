// Valibot schemas of every glossary entity, whole and as one edit's changed fields, with messages
// in Vietnamese and English that use the glossary's labels. The field schemas of an edit are built
// from the entity registry (fields.ts); the whole records here add their cross-field rules. Shared
// by the forms, the db layer, the server and the readiness input; must agree with ../assess-types.ts.
// Never reads app state.

import * as v from 'valibot';
import type { Catalog, Text } from '../catalog/types.ts';
import { indicatorsOf } from '../catalog/index.ts';
import { ENTITY_DEFS, type EntityName } from '../entities/index.ts';
import { VILLAGE_COUNT_CHAINS } from '../entities/village-counts.ts';
import {
  EvidenceSchema, InputEvidenceSchema, boolSchema, chainCheck, chainProblems, countSchema, dateSchema, evidenceList,
  inputEvidenceList, levelNoSchema, metSchema, nonEmptyText, strict,
} from './blocks.ts';
import { fastFieldsOf, numericFieldEntries, numericFieldsSchema, opFieldsSchema } from './fields.ts';
import { COMMUNE_FIGURE_LABELS, OTHER_LABELS, VILLAGE_COUNT_KEYS, VILLAGE_COUNT_LABELS, inSentence } from './labels.ts';
import { msg, toProblems, type Problem } from './problems.ts';
import { nameText, noteText } from './text.ts';

export { EvidenceSchema, InputEvidenceSchema, dateSchema } from './blocks.ts';
export { VILLAGE_COUNT_CHAINS } from '../entities/village-counts.ts';

// ---------------------------------------------------------------------------------------------
// Cross-field rules

/** The "≤" chains an entry declares (its `chains` rules). */
function chainsOf(entity: EntityName): readonly (readonly string[])[] {
  const rules: readonly { kind: string; chains?: readonly (readonly string[])[] }[] = ENTITY_DEFS[entity].rules ?? [];
  return rules.flatMap((r) => (r.kind === 'chains' ? r.chains ?? [] : []));
}
const CHAINS = /* @__PURE__ */ chainsOf('villageCounts');
const FIGURE_CHAINS = /* @__PURE__ */ chainsOf('communeFigures');

// ---------------------------------------------------------------------------------------------
// Village counts

const villageCountEntries = /* @__PURE__ */ numericFieldEntries('villageCounts');

/** One edit's changed `villageCounts` fields: each optional, `null` clears it, no unknown keys. */
export const VillageCountsFieldsSchema = /* @__PURE__ */ numericFieldsSchema('villageCounts') as v.GenericSchema<unknown, Record<string, number | boolean | null | undefined>>;

/**
 * VillageCountsFieldsSchema's output for the shape nearly every edit has (counts, the flag, null),
 * made without valibot; undefined for anything else (fields.ts fastFieldsOf, from the registry).
 */
export const fastVillageCountsFields = /* @__PURE__ */ fastFieldsOf('villageCounts')!;

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

/** One edit's changed `communeFigures` fields. */
export const CommuneFiguresFieldsSchema = /* @__PURE__ */ numericFieldsSchema('communeFigures') as v.GenericSchema<unknown, Record<string, number | boolean | null | undefined>>;

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
export const AnswerFieldsSchema = /* @__PURE__ */ opFieldsSchema('answer');

// ---------------------------------------------------------------------------------------------
// Decisions, communes, villages

const decisionKeyLabels = {
  level: OTHER_LABELS.level, decidedOn: OTHER_LABELS.decidedOn, number: OTHER_LABELS.decisionNumber,
};

/** An earlier decision as the readiness input's `history` holds it. */
export const HistoryEntrySchema = strict({
  level: levelNoSchema,
  decidedOn: dateSchema(OTHER_LABELS.decidedOn),
}, OTHER_LABELS.decision, decisionKeyLabels);

/** One edit's changed `decision` fields. */
export const DecisionFieldsSchema = /* @__PURE__ */ opFieldsSchema('decision');

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
export const CommuneFieldsSchema = /* @__PURE__ */ opFieldsSchema('commune');

const villageKeyLabels = {
  code: OTHER_LABELS.villageCode, name: OTHER_LABELS.villageName, order: OTHER_LABELS.order,
  archived: OTHER_LABELS.archived, ...VILLAGE_COUNT_LABELS,
};

/** One edit's changed `village` fields. */
export const VillageFieldsSchema = /* @__PURE__ */ opFieldsSchema('village');

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

/** The schema of one op's `fields` per entity but the dossier's open ones (fields.ts opFieldsSchema has all). */
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
  const r = v.safeParse(opFieldsSchema(entity), fields);
  return r.success ? [] : toProblems(r.issues);
}
