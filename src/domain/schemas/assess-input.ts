// The valibot schema of the readiness input (docs/domain/assess-format.md) for one catalog.
// Strict: unknown keys, unknown indicator ids, wrong types, broken "≤" rules, duplicate village
// codes and unreal dates are all refused. Never fills defaults in: the engine does that.

import * as v from 'valibot';
import type { Catalog, Text } from '../catalog/types.ts';
import { catalogs } from '../catalog/index.ts';
import {
  CommuneFiguresSchema, CommuneSchema, HistoryEntrySchema, VillageInputSchema, dateSchema, makeAnswersSchema,
} from './entities.ts';
import { isRealDate } from './dates.ts';
import { defaultAsOf } from '../readiness/eligibility.ts';
import { OTHER_LABELS } from './labels.ts';
import { msg } from './problems.ts';

/** Earliest assessment year: the circular applies from 12/02/2024, so 2024 is its first year. */
export const FIRST_YEAR = 2024;


const inputLabel: Text = { vi: 'Dữ liệu đánh giá', en: 'Assessment input' };
const inputKeyLabels: Record<string, Text> = {
  catalog: OTHER_LABELS.catalog, year: OTHER_LABELS.year, commune: OTHER_LABELS.commune, villages: OTHER_LABELS.villages,
};

const yearSchema = v.pipe(
  v.number(msg(`${OTHER_LABELS.year.vi} phải là một số`, `${OTHER_LABELS.year.en} must be a number`)),
  v.safeInteger(msg(`${OTHER_LABELS.year.vi} phải là số nguyên`, `${OTHER_LABELS.year.en} must be a whole number`)),
  v.minValue(FIRST_YEAR, msg(`${OTHER_LABELS.year.vi} phải từ ${FIRST_YEAR} trở đi`, `${OTHER_LABELS.year.en} must be ${FIRST_YEAR} or later`)),
  v.maxValue(9998, msg(`${OTHER_LABELS.year.vi} không hợp lệ`, `${OTHER_LABELS.year.en} is not valid`)),
);

const villagesSchema = v.pipe(
  v.array(VillageInputSchema, msg(`${OTHER_LABELS.villages.vi} phải là một danh sách ([…])`, `${OTHER_LABELS.villages.en} must be a list ([…])`)),
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
        message: msg(`Mã thôn "${code}" bị trùng với villages[${seen}]`, `Village code "${code}" is the same as villages[${seen}]`),
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
      message: msg(
        `${OTHER_LABELS.asOf.vi} (${asOf}) phải sau năm đánh giá ${y}: từ ngày 01/01/${y + 1} trở đi`,
        `${OTHER_LABELS.asOf.en} (${asOf}) must be after the assessment year ${y}: on or after ${y + 1}-01-01`,
      ),
      path: [at(x, 'asOf', asOf)] as never,
    });
  }
  const history = x.history;
  if (!Array.isArray(history)) return;
  history.forEach((d: unknown, i) => {
    const decidedOn = d && typeof d === 'object' ? (d as { decidedOn?: unknown }).decidedOn : undefined;
    if (!isRealDate(decidedOn) || decidedOn <= asOf) return;
    addIssue({
      message: msg(
        `${OTHER_LABELS.decidedOn.vi} (${decidedOn}) sau ${OTHER_LABELS.asOf.vi.toLocaleLowerCase('vi')} (${asOf}): chỉ ghi các quyết định đã có`,
        `${OTHER_LABELS.decidedOn.en} (${decidedOn}) is after the ${OTHER_LABELS.asOf.en.toLowerCase()} (${asOf}): list only decisions already made`,
      ),
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
    v.check((x) => !Array.isArray(x), msg(`${inputLabel.vi} phải là một đối tượng JSON ({…})`, `${inputLabel.en} must be a JSON object ({…})`)),
    v.strictObject({
      catalog: v.picklist(ids, msg(
        `${OTHER_LABELS.catalog.vi} phải là một trong: ${ids.join(', ')}`, `${OTHER_LABELS.catalog.en} must be one of: ${ids.join(', ')}`,
      )),
      year: yearSchema,
      asOf: v.optional(dateSchema(OTHER_LABELS.asOf)),
      commune: CommuneSchema,
      villages: villagesSchema,
      figures: v.optional(CommuneFiguresSchema),
      answers: v.optional(makeAnswersSchema(catalog)),
      history: v.optional(v.array(HistoryEntrySchema, msg(
        `${OTHER_LABELS.history.vi} phải là một danh sách ([…])`, `${OTHER_LABELS.history.en} must be a list ([…])`,
      ))),
    }, (issue) => {
      if (issue.expected === 'never') {
        const k = String(issue.input);
        if (k === 'thresholds') {
          return msg(
            'Không có trường "thresholds": các ngưỡng là của Thông tư 25/2023/TT-BGDĐT, không ai đặt lại được',
            'There is no "thresholds" field: the thresholds are those of Circular 25/2023/TT-BGDĐT and cannot be set',
          );
        }
        return msg(`Trường "${k}" không có trong định dạng dữ liệu đánh giá`, `Field "${k}" is not part of the assessment input format`);
      }
      if (issue.expected?.startsWith('"')) {
        const k = issue.expected.slice(1, -1);
        const l = inputKeyLabels[k];
        return msg(`Thiếu ${l ? l.vi.toLocaleLowerCase('vi') : k} ("${k}")`, `${l ? l.en : k} ("${k}") is missing`);
      }
      return msg(`${inputLabel.vi} phải là một đối tượng JSON ({…})`, `${inputLabel.en} must be a JSON object ({…})`);
    }),
    datesCheck,
  );
}
