// The words of readiness results, in either locale: status and level labels, indicator and
// criterion names, the gap of one indicator said in people or in the standard to reach, the ordered
// steps that would close the gaps to a level, the request of the year. Words from the catalog's
// part `rd` (vi/readiness.ts, en/readiness.ts); never judges anything itself — assess() decides.

import type {
  AssessInput, AssessOutput, IndicatorResult, LevelNo, RatioValue, Status, TrainingGap, TrainingThreshold,
  TrainingValue, VillageInput,
} from '../domain/assess-types.ts';
import { findIndicator, getCatalog, indicatorText } from '../domain/catalog/index.ts';
import type { Catalog, IndicatorDef, RatioIndicator, StandardIndicator, TrainingIndicator } from '../domain/catalog/types.ts';
import type { RequestPlan } from '../domain/readiness/request.ts';
import { percentBeside } from '../domain/readiness/ratio.ts';
import { COMMUNE_FIGURE_LABELS, VILLAGE_COUNT_LABELS } from '../domain/schemas/labels.ts';
import { words as en } from './en/readiness.ts';
import { formatCount, formatDay, formatPercent } from './format.ts';
import type { Lang } from './lang.ts';
import { words as vi } from './vi/readiness.ts';
import { speak, type Params } from './words.ts';

export { formatCount, formatDay, formatPercent };

const TABLES = { vi, en } as const;
type Code = keyof typeof vi;

/** The words of a readiness code in `lang`. */
function say(lang: Lang, code: Code, params?: Params): string {
  return speak(TABLES[lang][code], code, params);
}

const STATUSES: readonly Status[] = ['met', 'unmet', 'unknown'];
const labelsOf = <K extends string | number>(keys: readonly K[], code: (k: K) => Code) =>
  ({ vi: Object.fromEntries(keys.map((k) => [k, say('vi', code(k))])), en: Object.fromEntries(keys.map((k) => [k, say('en', code(k))])) }) as Record<Lang, Record<K, string>>;

/** Đạt / Chưa đạt / Chưa có dữ liệu (glossary). */
export const STATUS_LABELS: Readonly<Record<Lang, Readonly<Record<Status, string>>>> = labelsOf(STATUSES, (s) => `rd.status.${s}`);

/** Mức độ 1 (Khá) / Mức độ 2 (Tốt) (glossary); 0 = no level met. */
export const LEVEL_LABELS: Readonly<Record<Lang, Readonly<Record<0 | LevelNo, string>>>> = labelsOf([0, 1, 2] as const, (l) => `rd.level.${l}`);

/** Còn thiếu (glossary `gap`). */
export const GAP_LABEL: Readonly<Record<Lang, string>> = { vi: say('vi', 'rd.gapLabel'), en: say('en', 'rd.gapLabel') };

export function statusLabel(status: Status, lang: Lang = 'vi'): string {
  return STATUS_LABELS[lang][status];
}

export function levelLabel(level: 0 | LevelNo, lang: Lang = 'vi'): string {
  return LEVEL_LABELS[lang][level];
}

/** A ratio's percent beside its threshold, never rounded up into it (69,99 %, not 70 %). */
export function formatShare(v: RatioValue, threshold: number, lang: Lang = 'vi'): string {
  const p = percentBeside(v.numerator, v.denominator, threshold);
  return p === null ? '—' : formatPercent(p, lang);
}

/** "Thôn Làng Mạ" from a name "Làng Mạ"; names already saying Thôn/Bản/Ấp/… are kept; else the code. */
export function villageDisplayName(v: { code: string; name?: string | undefined }, lang: Lang = 'vi'): string {
  const name = v.name?.trim();
  return name ? say(lang, 'rd.villageNamed', { name }) : say(lang, 'rd.villageCode', { code: v.code });
}

/** "Tiêu chí 5, chỉ tiêu 1" — the head of a step towards a level (issue #11, item 6). */
export function indicatorHead(id: string, lang: Lang = 'vi'): string {
  const m = /^TC(\d+)\.(\d+)$/.exec(id);
  return m ? say(lang, 'rd.indicatorHead', { criterion: m[1], indicator: m[2] }) : id;
}

/** "Chỉ tiêu 1 của Tiêu chí 5" — how a cadre and a paper name an indicator (its id is the short form). */
export function indicatorName(id: string, lang: Lang = 'vi'): string {
  const m = /^TC(\d+)\.(\d+)$/.exec(id);
  return m ? say(lang, 'rd.indicatorName', { criterion: m[1], indicator: m[2] }) : id;
}

/** "Tiêu chí 5" for `TC5`. */
export function criterionName(id: string, lang: Lang = 'vi'): string {
  const m = /^TC(\d+)$/.exec(id);
  return m ? say(lang, 'rd.criterionName', { criterion: m[1] }) : id;
}

function phrase(p: { vi: string; en: string; enOne: string }, n: number, lang: Lang): string {
  return say(lang, 'rd.phrase', { phrase: p, n });
}

function label(key: string, lang: Lang): string {
  const l = (VILLAGE_COUNT_LABELS as Record<string, { vi: string; en: string }>)[key]
    ?? (COMMUNE_FIGURE_LABELS as Record<string, { vi: string; en: string }>)[key];
  return l ? l[lang] : key;
}

/** The village counts an indicator reads. */
function villageFields(ind: RatioIndicator | TrainingIndicator): string[] {
  return ind.kind === 'ratio' ? [ind.numerator, ind.denominator] : ['trained', 'university', ind.denominator];
}

export interface GapContext {
  /** The input's villages, to name the villages that lack data. */
  villages?: readonly { code: string; name?: string | undefined }[];
}

/** "mức độ 2" / "chưa đạt chuẩn" of a standard figure. */
function standardLevel(got: number | boolean, lang: Lang): string {
  if (got === 0 || got === false) return say(lang, 'rd.std.notReached');
  if (got === true) return say(lang, 'rd.std.reached');
  return say(lang, 'rd.std.level', { level: got });
}

function standardGap(ind: StandardIndicator, r: IndicatorResult, lang: Lang): string {
  const min = r.threshold as number | true;
  const std = ind.standard[lang];
  const target = min === true ? std : say(lang, 'rd.std.target', { standard: std, level: min });
  if (r.status === 'unknown') return say(lang, 'rd.gap.stdUnknown', { label: label(ind.figure, lang), target });
  return say(lang, 'rd.gap.std', { target, now: standardLevel(r.value as number | boolean, lang) });
}

function missingText(r: IndicatorResult, ind: RatioIndicator | TrainingIndicator, lang: Lang, ctx: GapContext): string {
  if (r.missing.length > 0) {
    const names = r.missing.map((code) => villageDisplayName(ctx.villages?.find((v) => v.code === code) ?? { code }, lang));
    return say(lang, 'rd.gap.missing', { n: r.missing.length, names: names.join(', ') });
  }
  return say(lang, 'rd.gap.zero', { denominator: label(ind.denominator, lang) });
}

/** "cần thêm 37 người đạt danh hiệu "Công dân học tập" (hiện 58,4 %, cần 60 %)". */
function peopleGap(gap: number, p: { vi: string; en: string; enOne: string }, v: RatioValue, t: number, lang: Lang): string {
  return say(lang, 'rd.gap.people', { count: formatCount(gap, lang), phrase: phrase(p, gap, lang), now: formatShare(v, t, lang), need: formatPercent(t, lang) });
}

function trainingGap(ind: TrainingIndicator, r: IndicatorResult, lang: Lang): string {
  const v = r.value as TrainingValue;
  const t = r.threshold as TrainingThreshold;
  const g = r.gap as TrainingGap;
  const parts: string[] = [];
  for (const k of ['trained', 'university'] as const) {
    if (g[k] > 0) parts.push(peopleGap(g[k], ind.gapPhrase[k], v[k], t[k], lang));
  }
  const text = parts.join('; ');
  return t.difficultArea ? `${text}${say(lang, 'rd.gap.difficultArea')}` : text;
}

/**
 * The gap of one indicator result as a short phrase, or null when it is met:
 * `cần thêm 37 người đạt danh hiệu "Công dân học tập" (hiện 58,4 %, cần 60 %)`,
 * `cần đạt chuẩn phổ cập giáo dục tiểu học mức độ 2 (hiện mức độ 1)`, `chưa trả lời`.
 */
export function gapText(r: IndicatorResult, catalog: Catalog, lang: Lang = 'vi', ctx: GapContext = {}): string | null {
  if (r.status === 'met') return null;
  const ind = findIndicator(catalog, r.id);
  if (!ind) return null;
  switch (ind.kind) {
    case 'yes-no':
      return say(lang, r.status === 'unknown' ? 'rd.gap.notAnswered' : 'rd.gap.answeredUnmet');
    case 'standard':
      return standardGap(ind, r, lang);
    case 'ratio':
      if (r.status === 'unknown') return missingText(r, ind, lang, ctx);
      return peopleGap(r.gap as number, ind.gapPhrase, r.value as RatioValue, r.threshold as number, lang);
    case 'training':
      if (r.status === 'unknown') return missingText(r, ind, lang, ctx);
      return trainingGap(ind, r, lang);
  }
}

// ---------------------------------------------------------------------------------------------
// Actions

export type ActionKind = 'answer' | 'enter-data' | 'close-gap' | 'raise-standard' | 'meet-yes-no' | 'wait';

/** One concrete step towards a level. */
export interface Action {
  kind: ActionKind;
  /** The indicator it serves; null for `wait`. */
  indicatorId: string | null;
  /** Cheaper first: the kind's rank, then the gap relative to the denominator. */
  weight: number;
  text: string;
  /** Per-village steps, e.g. "Thôn Làng Mạ: thêm 12 người đạt danh hiệu …". */
  details: string[];
  /** The same per-village steps as data (`add` = how many people to add there; 0 = enter data). */
  villages: { code: string; name: string; add: number; share?: 'trained' | 'university' }[];
}

const RANK: Record<ActionKind, number> = {
  answer: 0, 'enter-data': 1, 'close-gap': 2, 'raise-standard': 3, 'meet-yes-no': 4, wait: 6,
};

/**
 * Splits a gap of `num` over the villages furthest below `threshold` of `den`, none past the
 * threshold and none past its own room (`den − num`).
 */
function allocate(villages: readonly VillageInput[], num: 'citizensRecognized' | 'trained' | 'university', den: 'citizens', threshold: number, gap: number) {
  const out: { v: VillageInput; add: number }[] = [];
  let remaining = gap;
  const candidates = villages
    .filter((v) => typeof v[num] === 'number' && typeof v[den] === 'number' && (v[den] as number) > 0)
    .map((v) => ({ v, ratio: (v[num] as number) / (v[den] as number) }))
    .sort((a, b) => a.ratio - b.ratio || (a.v.code < b.v.code ? -1 : 1));
  for (const { v } of candidates) {
    if (remaining <= 0) break;
    const n = v[num] as number;
    const d = v[den] as number;
    const need = Math.max(0, Math.ceil((d * threshold) / 100) - n);
    const add = Math.min(need, d - n, remaining);
    if (add <= 0) continue;
    remaining -= add;
    out.push({ v, add });
  }
  return out;
}

function missingFieldsOf(v: VillageInput, fields: string[]): string[] {
  return fields.filter((f) => {
    const x = v[f as keyof VillageInput];
    return x === null || x === undefined;
  });
}

function actionFor(ind: IndicatorDef, r: IndicatorResult, level: LevelNo, input: AssessInput, catalog: Catalog, lang: Lang): Action | null {
  if (r.status === 'met') return null;
  const head = indicatorHead(ind.id, lang);
  const base = { indicatorId: ind.id, details: [] as string[], villages: [] as Action['villages'] };
  const gap = gapText(r, catalog, lang, { villages: input.villages }) ?? '';
  if (ind.kind === 'yes-no') {
    const wording = indicatorText(ind, level)[lang];
    if (r.status === 'unknown') {
      return { ...base, kind: 'answer', weight: RANK.answer, text: say(lang, 'rd.act.answer', { head, wording }) };
    }
    const note = input.answers?.[ind.id]?.note;
    return {
      ...base, kind: 'meet-yes-no', weight: RANK['meet-yes-no'],
      text: say(lang, 'rd.act.meet', { head, wording }),
      details: note ? [note] : [],
    };
  }
  if (ind.kind === 'standard') {
    return r.status === 'unknown'
      ? { ...base, kind: 'enter-data', weight: RANK['enter-data'], text: `${head}: ${gap}` }
      : { ...base, kind: 'raise-standard', weight: RANK['raise-standard'], text: `${head}: ${gap}` };
  }
  if (r.status === 'unknown') {
    const fields = villageFields(ind);
    const details: string[] = [];
    const villages: Action['villages'] = [];
    for (const code of r.missing) {
      const v = input.villages.find((x) => x.code === code);
      if (!v) continue;
      const name = villageDisplayName(v, lang);
      villages.push({ code, name, add: 0 });
      details.push(`${name}: ${missingFieldsOf(v, fields).map((f) => label(f, lang)).join(', ')}`);
    }
    return { ...base, kind: 'enter-data', weight: RANK['enter-data'] + r.missing.length / 1000, details, villages, text: `${head}: ${gap}` };
  }
  // A ratio short of its threshold: how many people, and where.
  const rows: Action['villages'] = [];
  const details: string[] = [];
  let relative = 0;
  const shares: { share?: 'trained' | 'university'; num: 'citizensRecognized' | 'trained' | 'university'; t: number; gap: number; p: { vi: string; en: string; enOne: string }; den: number }[] = [];
  if (ind.kind === 'ratio') {
    const v = r.value as RatioValue;
    shares.push({ num: ind.numerator, t: r.threshold as number, gap: r.gap as number, p: ind.gapPhrase, den: v.denominator });
  } else {
    const v = r.value as TrainingValue;
    const t = r.threshold as TrainingThreshold;
    const g = r.gap as TrainingGap;
    for (const k of ['trained', 'university'] as const) {
      if (g[k] > 0) shares.push({ share: k, num: k, t: t[k], gap: g[k], p: ind.gapPhrase[k], den: v[k].denominator });
    }
  }
  for (const s of shares) {
    relative = Math.max(relative, s.den > 0 ? s.gap / s.den : 1);
    for (const { v, add } of allocate(input.villages, s.num, ind.denominator, s.t, s.gap)) {
      const name = villageDisplayName(v, lang);
      rows.push(s.share ? { code: v.code, name, add, share: s.share } : { code: v.code, name, add });
      details.push(say(lang, 'rd.act.add', { name, count: formatCount(add, lang), phrase: phrase(s.p, add, lang) }));
    }
  }
  return { ...base, kind: 'close-gap', weight: RANK['close-gap'] + relative, details, villages: rows, text: `${head}: ${gap}` };
}

/**
 * Concrete steps that would bring the commune to `level`, cheapest first: answer what is
 * unanswered, enter missing data (naming the villages), close the people gaps from the smallest
 * relative gap (split over the villages furthest below), then standards, failed yes/no
 * indicators, and the 12-month wait for level 2.
 */
export function actionsToReach(output: AssessOutput, level: LevelNo, input: AssessInput, lang: Lang = 'vi', catalog?: Catalog): Action[] {
  const cat = catalog ?? getCatalog(output.catalog);
  if (!cat) return [];
  const byKey = new Map<string, Action>();
  const order = new Map<string, number>();
  cat.criteria.flatMap((c) => c.indicators).forEach((ind, i) => order.set(ind.id, i));
  // A level needs the levels below it too; an indicator short at two levels keeps the higher level's step.
  for (const l of output.levels) {
    if (l.level > level) continue;
    for (const c of l.criteria) {
      for (const r of c.indicators) {
        const ind = findIndicator(cat, r.id);
        if (!ind) continue;
        const a = actionFor(ind, r, l.level, input, cat, lang);
        if (!a) continue;
        const key = `${r.id}|${a.kind}`;
        const prev = byKey.get(key);
        if (!prev || a.weight >= prev.weight) byKey.set(key, a);
      }
    }
  }
  const actions = [...byKey.values()];
  if (level === 2 && output.eligibility?.reason === 'level2-wait') {
    actions.push({
      kind: 'wait', indicatorId: null, weight: RANK.wait, details: [], villages: [],
      text: say(lang, 'rd.act.wait', { from: formatDay(output.eligibility.from, lang) }),
    });
  }
  return actions.sort((a, b) => a.weight - b.weight
    || (order.get(a.indicatorId ?? '') ?? 99) - (order.get(b.indicatorId ?? '') ?? 99));
}

/** The request plan of the year in one sentence for a cadre. */
export function requestText(plan: RequestPlan, lang: Lang = 'vi'): string {
  const level = (l: 0 | LevelNo) => levelLabel(l, lang);
  const day = (d: string) => formatDay(d, lang);
  switch (plan.kind) {
    case 'none':
      return plan.reason === 'in-force'
        ? say(lang, 'rd.req.inForce', { held: level(plan.held.level), decided: day(plan.held.decidedOn), until: day(plan.held.validUntil) })
        : say(lang, 'rd.req.notMet');
    case 'first':
      return say(lang, 'rd.req.first', { level: level(plan.level) });
    case 'upgrade':
      return say(lang, 'rd.req.upgrade', { level: level(plan.level), held: level(plan.held.level), until: day(plan.held.validUntil) });
    case 'renewal':
      return say(lang, plan.inForce ? 'rd.req.renewInForce' : 'rd.req.renewEnded', {
        level: level(plan.level), title: level(plan.title.level), until: day(plan.title.validUntil),
      });
  }
}
