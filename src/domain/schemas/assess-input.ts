// The valibot schema of the readiness input (docs/domain/assess-format.md) for one catalog.
// Strict: unknown keys, unknown indicator ids, wrong types, broken "≤" rules, duplicate village
// codes and unreal dates are all refused. Never fills defaults in: the engine does that.

import * as v from 'valibot';
import type { Catalog } from '../catalog/types.ts';
import { catalogs } from '../catalog/index.ts';
import {
  CommuneFiguresSchema, CommuneSchema, HistoryEntrySchema, VillageInputSchema, dateSchema, makeAnswersSchema,
} from './entities.ts';
import { isRealDate } from './dates.ts';
import { defaultAsOf } from '../readiness/eligibility.ts';
import type { LabelName } from './labels.ts';
import { msg } from './problems.ts';

/** Earliest assessment year: the circular applies from 12/02/2024, so 2024 is its first year. */
export const FIRST_YEAR = 2024;


const inputKeyLabels: Record<string, LabelName> = { catalog: 'catalog', year: 'year', commune: 'commune', villages: 'villages' };

const yearSchema = v.pipe(
  v.number(msg('pb.notNumber', { label: 'year' })),
  v.safeInteger(msg('pb.notInteger', { label: 'year' })),
  v.minValue(FIRST_YEAR, msg('pb.yearFrom', { label: 'year', first: FIRST_YEAR })),
  v.maxValue(9998, msg('pb.invalid', { label: 'year' })),
);

const villagesSchema = v.pipe(
  v.array(VillageInputSchema, msg('pb.notList', { label: 'villages' })),
  v.rawCheck(({ dataset, addIssue }) => {
    const list = dataset.value;
    if (!Array.isArray(list)) return;
    const first = new Map<string, number>();
    list.forEach((village: unknown, i) => {
      if (!village || typeof village !== 'object') return;
      const code = (village as { code?: unknown }).code;
      if (typeof code !== 'string') return;
      const seen = first.get(code);
      if (seen === undefined) {
        first.set(code, i);
        return;
      }
      addIssue({
        message: msg('pb.duplicateVillage', { code, first: seen }),
        path: [
          { type: 'array', origin: 'value', input: list, key: i, value: village },
          { type: 'object', origin: 'value', input: village as Record<string, unknown>, key: 'code', value: code },
        ],
      });
    });
  }),
);

type PathItem = { type: 'object' | 'array'; origin: 'value'; input: never; key: string | number; value: unknown };
const at = (input: unknown, key: string | number, value: unknown) =>
  ({ type: typeof key === 'number' ? 'array' : 'object', origin: 'value', input, key, value }) as unknown as PathItem;

/**
 * The date rules across fields: `asOf` after the assessment year (the dossier is sent once the
 * year is over), and no earlier decision dated after `asOf` (its default when absent).
 */
const datesCheck = v.rawCheck<unknown>(({ dataset, addIssue }) => {
  const x = dataset.value as Record<string, unknown> | null;
  if (!x || typeof x !== 'object') return;
  const year = x.year;
  if (!Number.isSafeInteger(year) || (year as number) < FIRST_YEAR || (year as number) > 9998) return;
  const y = year as number;
  const asOf = x.asOf === undefined ? defaultAsOf(y) : x.asOf;
  if (!isRealDate(asOf)) return;
  if (x.asOf !== undefined && asOf < `${y + 1}-01-01`) {
    addIssue({
      message: msg('pb.asOfInYear', { asOf, year: y }),
      path: [at(x, 'asOf', asOf)] as never,
    });
  }
  const history = x.history;
  if (!Array.isArray(history)) return;
  history.forEach((d: unknown, i) => {
    const decidedOn = d && typeof d === 'object' ? (d as { decidedOn?: unknown }).decidedOn : undefined;
    if (!isRealDate(decidedOn) || decidedOn <= asOf) return;
    addIssue({
      message: msg('pb.decidedAfterAsOf', { decidedOn, asOf }),
      path: [at(x, 'history', history), at(history, i, d), at(d, 'decidedOn', decidedOn)] as never,
    });
  });
});

/** The readiness input schema for a catalog (answers depend on its indicators). */
/* @__NO_SIDE_EFFECTS__ */
export function makeAssessInputSchema(catalog: Catalog) {
  const ids = Object.keys(catalogs);
  return v.pipe(
    v.unknown(),
    v.check((x) => !Array.isArray(x), msg('pb.notObject', { label: 'assessInput' })),
    v.strictObject({
      catalog: v.picklist(ids, msg('pb.catalogOneOf', { label: 'catalog', ids: ids.join(', ') })),
      year: yearSchema,
      asOf: v.optional(dateSchema('asOf')),
      commune: CommuneSchema,
      villages: villagesSchema,
      figures: v.optional(CommuneFiguresSchema),
      answers: v.optional(makeAnswersSchema(catalog)),
      history: v.optional(v.array(HistoryEntrySchema, msg('pb.notList', { label: 'history' }))),
    }, (issue) => {
      if (issue.expected === 'never') {
        const k = String(issue.input);
        return msg(k === 'thresholds' ? 'pb.thresholds' : 'pb.notInFormat', { key: k });
      }
      if (issue.expected?.startsWith('"')) {
        const k = issue.expected.slice(1, -1);
        const field = inputKeyLabels[k];
        return msg('pb.inputMissing', field ? { field, key: k } : { key: k });
      }
      return msg('pb.notObject', { label: 'assessInput' });
    }),
    datesCheck,
  );
}
