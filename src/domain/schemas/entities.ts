// Valibot schemas of every glossary entity, whole and as one edit's changed fields, with messages
// as problem codes naming the glossary's labels by key (src/i18n/problems.ts says them). The field schemas of an edit are built
// from the entity registry (fields.ts); the whole records here add their cross-field rules. Shared
// by the forms, the db layer, the server and the readiness input; must agree with ../assess-types.ts.
// Never reads app state.

import * as v from 'valibot';
import type { Catalog } from '../catalog/types.ts';
import { indicatorsOf } from '../catalog/index.ts';
import { ENTITY, ENTITY_DEFS, type EntityName } from '../entities/index.ts';
import { VILLAGE_COUNT_CHAINS } from '../entities/village-counts.ts';
import {
  chainCheck, countSchema, dateSchema, evidenceList, inputEvidenceList, levelNoSchema, metSchema, nonEmptyText, strict,
  type Labelled,
} from './blocks.ts';
import { fastFieldsOf, fieldLabels, numericFieldEntries, numericFieldsSchema, opFieldsSchema } from './fields.ts';
import { VILLAGE_COUNT_KEYS, type LabelName } from './labels.ts';
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
const CHAINS = /* @__PURE__ */ chainsOf(ENTITY.villageCounts);
const FIGURE_CHAINS = /* @__PURE__ */ chainsOf(ENTITY.communeFigures);

// ---------------------------------------------------------------------------------------------
// Village counts

const villageCountEntries = /* @__PURE__ */ numericFieldEntries(ENTITY.villageCounts);

/** One edit's changed `villageCounts` fields: each optional, `null` clears it, no unknown keys. */
export const VillageCountsFieldsSchema = /* @__PURE__ */ numericFieldsSchema(ENTITY.villageCounts) as v.GenericSchema<unknown, Record<string, number | boolean | null | undefined>>;

/**
 * VillageCountsFieldsSchema's output for the shape nearly every edit has (counts, the flag, null),
 * made without valibot; undefined for anything else (fields.ts fastFieldsOf, from the registry).
 */
export const fastVillageCountsFields = /* @__PURE__ */ fastFieldsOf(ENTITY.villageCounts)!;

/** Số liệu mô hình học tập của một thôn — whole record, with the "≤" rules. */
export const VillageCountsSchema = v.pipe(VillageCountsFieldsSchema, chainCheck<v.InferOutput<typeof VillageCountsFieldsSchema>>(CHAINS, fieldLabels(ENTITY.villageCounts)));

/** Field-level problems of merged village counts (`{ path: 'familiesRecognized', code: 'pb.exceeds', params }`), for forms. */
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
export const CommuneFiguresFieldsSchema = /* @__PURE__ */ numericFieldsSchema(ENTITY.communeFigures) as v.GenericSchema<unknown, Record<string, number | boolean | null | undefined>>;

/** Số liệu chung của xã — whole record, with unitsRecognized ≤ units. */
export const CommuneFiguresSchema = v.pipe(CommuneFiguresFieldsSchema, chainCheck<v.InferOutput<typeof CommuneFiguresFieldsSchema>>(FIGURE_CHAINS, fieldLabels(ENTITY.communeFigures)));

/** Field-level problems of merged commune figures, for forms. */
/* @__NO_SIDE_EFFECTS__ */
export function validateCommuneFigures(merged: unknown): Problem[] {
  const r = v.safeParse(CommuneFiguresSchema, merged);
  return r.success ? [] : toProblems(r.issues);
}

// ---------------------------------------------------------------------------------------------
// Evidence and answers

const answerKeyLabels: Record<string, LabelName> = { met: 'met', note: 'note', amount: 'amount', evidence: 'evidence' };

/* @__NO_SIDE_EFFECTS__ */
function answerLabel(indicatorId?: string): Labelled {
  return indicatorId ? { label: 'answer', indicator: indicatorId } : { label: 'answer' };
}

/**
 * A whole answer of the readiness input; `amount` (VND) only where the indicator carries one
 * (TC2.1, TC2.2); evidence of number, date, issuer and title. `stored`: the answer as the phone
 * and the server keep it, whose evidence may also hold the note older releases allowed.
 */
/* @__NO_SIDE_EFFECTS__ */
export function makeAnswerSchema(hasAmount: boolean, indicatorId?: string, stored = false) {
  const label = answerLabel(indicatorId);
  const unknownKey = (k: string) => (k === 'amount' ? msg('pb.noAmount', { indicator: indicatorId }) : msg('pb.unknownField', { ...label, key: k }));
  const base = {
    met: metSchema,
    note: v.nullish(noteText('note')),
    evidence: v.optional(stored ? evidenceList : inputEvidenceList),
  };
  return hasAmount
    ? strict({ ...base, amount: v.nullish(countSchema('amount')) }, label, answerKeyLabels, unknownKey)
    : strict(base, label, answerKeyLabels, unknownKey);
}

/** One edit's changed `answer` fields. */
export const AnswerFieldsSchema = /* @__PURE__ */ opFieldsSchema(ENTITY.answer);

// ---------------------------------------------------------------------------------------------
// Decisions, communes, villages

const decisionKeyLabels: Record<string, LabelName> = { level: 'level', decidedOn: 'decidedOn', number: 'decisionNumber' };

/** An earlier decision as the readiness input's `history` holds it. */
export const HistoryEntrySchema = strict({
  level: levelNoSchema,
  decidedOn: dateSchema('decidedOn'),
}, { label: 'decision' }, decisionKeyLabels);

/** One edit's changed `decision` fields. */
export const DecisionFieldsSchema = /* @__PURE__ */ opFieldsSchema(ENTITY.decision);

const communeKeyLabels: Record<string, LabelName> = {
  code: 'communeCode', name: 'communeName', province: 'province',
  recipient: 'recipient', dossierDeadline: 'dossierDeadline', decisionDeadline: 'decisionDeadline',
};

/** Xã — as the readiness input names it. */
export const CommuneSchema = strict({
  code: nonEmptyText('communeCode'),
  name: nonEmptyText('communeName'),
  province: v.optional(nameText('province')),
}, { label: 'commune' }, communeKeyLabels);

/**
 * One edit's changed `commune` fields. Recipient and deadlines are configuration since July 2025
 * (each province decides); `dossierDeadline`/`decisionDeadline` are `MM-DD` of the year after, default 02-28 / 03-31.
 */
export const CommuneFieldsSchema = /* @__PURE__ */ opFieldsSchema(ENTITY.commune);

const villageKeyLabels: Record<string, LabelName> = {
  code: 'villageCode', name: 'villageName', order: 'order', archived: 'archived',
  ...Object.fromEntries([...VILLAGE_COUNT_KEYS, 'villageRecognized'].map((k) => [k, k as LabelName])),
};

/** One edit's changed `village` fields. */
export const VillageFieldsSchema = /* @__PURE__ */ opFieldsSchema(ENTITY.village);

/** A village of the readiness input: code, name and that year's counts. */
export const VillageInputSchema = v.pipe(
  strict({
    code: nonEmptyText('villageCode'),
    name: v.optional(nameText('villageName')),
    ...villageCountEntries,
  }, { label: 'village' }, villageKeyLabels),
  chainCheck(CHAINS, fieldLabels(ENTITY.villageCounts)),
);

/** The message for an answer keyed by an id the catalog has not, or has with another kind. */
/* @__NO_SIDE_EFFECTS__ */
function answerKeyMessage(catalog: Catalog) {
  const byId = new Map(indicatorsOf(catalog).map((i) => [i.id, i]));
  return (k: string): string => {
    const ind = byId.get(k);
    return ind ? msg('pb.notYesNo', { indicator: k }) : msg('pb.unknownIndicator', { indicator: k, catalog: catalog.id });
  };
}

/** Answers of a catalog: only its yes/no indicators, each with amount where it has one. */
/* @__NO_SIDE_EFFECTS__ */
export function makeAnswersSchema(catalog: Catalog) {
  const entries: Record<string, v.GenericSchema> = {};
  for (const ind of indicatorsOf(catalog)) {
    if (ind.kind === 'yes-no') entries[ind.id] = v.optional(makeAnswerSchema(ind.hasAmount, ind.id));
  }
  return strict(entries, { label: 'answers' }, {}, answerKeyMessage(catalog));
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
