// Words for readiness results: status and level labels, the gap of one indicator said in people
// or in the standard to reach, and the ordered actions that would close the gaps to a level.
// Pure text from (output, input, catalog); never judges anything itself — assess() decides.

import type {
  AssessInput, AssessOutput, IndicatorResult, LevelNo, RatioValue, Status, TrainingGap, TrainingThreshold,
  TrainingValue, VillageInput,
} from '../assess-types.ts';
import { findIndicator, getCatalog, indicatorText } from '../catalog/index.ts';
import type { Catalog, IndicatorDef, RatioIndicator, StandardIndicator, TrainingIndicator } from '../catalog/types.ts';
import { COMMUNE_FIGURE_LABELS, VILLAGE_COUNT_LABELS, inSentence } from '../schemas/labels.ts';
import { percentBeside } from './ratio.ts';

export type Lang = 'vi' | 'en';

/** Đạt / Chưa đạt / Chưa có dữ liệu (glossary). */
export const STATUS_LABELS: Readonly<Record<Lang, Readonly<Record<Status, string>>>> = {
  vi: { met: 'Đạt', unmet: 'Chưa đạt', unknown: 'Chưa có dữ liệu' },
  en: { met: 'Met', unmet: 'Not met', unknown: 'No data yet' },
};

/** Mức độ 1 (Khá) / Mức độ 2 (Tốt) (glossary); 0 = no level met. */
export const LEVEL_LABELS: Readonly<Record<Lang, Readonly<Record<0 | LevelNo, string>>>> = {
  vi: { 0: 'Chưa đạt mức độ nào', 1: 'Mức độ 1 (Khá)', 2: 'Mức độ 2 (Tốt)' },
  en: { 0: 'No level met', 1: 'Level 1 (Good)', 2: 'Level 2 (Very good)' },
};

/** Còn thiếu (glossary `gap`). */
export const GAP_LABEL: Readonly<Record<Lang, string>> = { vi: 'Còn thiếu', en: 'Still missing' };

export function statusLabel(status: Status, lang: Lang = 'vi'): string {
  return STATUS_LABELS[lang][status];
}

export function levelLabel(level: 0 | LevelNo, lang: Lang = 'vi'): string {
  return LEVEL_LABELS[lang][level];
}

/** A whole count in the locale's digits: 1.234 (vi-VN), 1,234 (en). */
export function formatCount(n: number, lang: Lang = 'vi'): string {
  return n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 0 });
}

/** A percent as computed (at most two decimals): 58,4 % (vi-VN), 58.4% (en). */
export function formatPercent(p: number, lang: Lang = 'vi'): string {
  const n = p.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });
  return lang === 'vi' ? `${n} %` : `${n}%`;
}

/** A ratio's percent beside its threshold, never rounded up into it (69,99 %, not 70 %). */
export function formatShare(v: RatioValue, threshold: number, lang: Lang = 'vi'): string {
  const p = percentBeside(v.numerator, v.denominator, threshold);
  return p === null ? '—' : formatPercent(p, lang);
}

/** `YYYY-MM-DD` as 20/03/2026 (vi) or 20 Mar 2026 (en). */
export function formatDay(date: string, lang: Lang = 'vi'): string {
  const [y, m, d] = date.split('-');
  if (lang === 'vi') return `${d}/${m}/${y}`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(d)} ${months[Number(m) - 1] ?? m} ${y}`;
}

const VILLAGE_PREFIX = /^(thôn|bản|ấp|tổ dân phố|tổ|buôn|xóm|khu phố|khu|khối|sóc|plei)(?=\s|$)/iu;

/** "Thôn Làng Mạ" from a name "Làng Mạ"; names already saying Thôn/Bản/Ấp/… are kept; else the code. */
export function villageDisplayName(v: { code: string; name?: string | undefined }, lang: Lang = 'vi'): string {
  const name = v.name?.trim();
  if (!name) return lang === 'vi' ? `Thôn ${v.code}` : `Village ${v.code}`;
  if (lang === 'en' || VILLAGE_PREFIX.test(name)) return name;
  return `Thôn ${name}`;
}

/** "Tiêu chí 5, chỉ tiêu 1" — the head of a step towards a level (issue #11, item 6). */
export function indicatorHead(id: string, lang: Lang = 'vi'): string {
  const m = /^TC(\d+)\.(\d+)$/.exec(id);
  if (!m) return id;
  return lang === 'vi' ? `Tiêu chí ${m[1]}, chỉ tiêu ${m[2]}` : `Criterion ${m[1]}, indicator ${m[2]}`;
}

function phrase(p: { vi: string; en: string; enOne: string }, n: number, lang: Lang): string {
  return lang === 'vi' ? p.vi : n === 1 ? p.enOne : p.en;
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
  if (got === 0 || got === false) return lang === 'vi' ? 'chưa đạt chuẩn' : 'not reached';
  if (got === true) return lang === 'vi' ? 'đã đạt chuẩn' : 'reached';
  return lang === 'vi' ? `mức độ ${got}` : `level ${got}`;
}

function standardGap(ind: StandardIndicator, r: IndicatorResult, lang: Lang): string {
  const min = r.threshold as number | true;
  const std = ind.standard[lang];
  const target = min === true ? std : lang === 'vi' ? `${std} mức độ ${min}` : `${std} at level ${min}`;
  if (r.status === 'unknown') {
    return lang === 'vi'
      ? `chưa có số liệu: ${inSentence(label(ind.figure, lang))} (cần đạt chuẩn ${target})`
      : `no data yet: ${label(ind.figure, lang)} (the ${target} standard is needed)`;
  }
  const now = standardLevel(r.value as number | boolean, lang);
  return lang === 'vi' ? `cần đạt chuẩn ${target} (hiện ${now})` : `the ${target} standard is needed (now ${now})`;
}

function missingText(r: IndicatorResult, ind: RatioIndicator | TrainingIndicator, lang: Lang, ctx: GapContext): string {
  if (r.missing.length > 0) {
    const names = r.missing.map((code) => villageDisplayName(ctx.villages?.find((v) => v.code === code) ?? { code }, lang));
    return lang === 'vi'
      ? `chưa có số liệu của ${r.missing.length} thôn: ${names.join(', ')}`
      : `no data yet from ${r.missing.length} ${r.missing.length === 1 ? 'village' : 'villages'}: ${names.join(', ')}`;
  }
  const den = label(ind.denominator, lang);
  return lang === 'vi' ? `${den} bằng 0, chưa tính được tỷ lệ` : `${den} is 0, the ratio cannot be computed`;
}

/** "cần thêm 37 người đạt danh hiệu "Công dân học tập" (hiện 58,4 %, cần 60 %)". */
function peopleGap(gap: number, p: { vi: string; en: string; enOne: string }, v: RatioValue, t: number, lang: Lang): string {
  const now = formatShare(v, t, lang);
  const need = formatPercent(t, lang);
  return lang === 'vi'
    ? `cần thêm ${formatCount(gap, lang)} ${phrase(p, gap, lang)} (hiện ${now}, cần ${need})`
    : `${formatCount(gap, lang)} more ${phrase(p, gap, lang)} needed (now ${now}, needs ${need})`;
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
  return t.difficultArea ? `${text}${lang === 'vi' ? ' — ngưỡng của xã thuộc vùng khó khăn' : ' — thresholds of a commune in a disadvantaged area'}` : text;
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
      if (r.status === 'unknown') return lang === 'vi' ? 'chưa trả lời' : 'not answered yet';
      return lang === 'vi' ? 'xã tự đánh giá là Chưa đạt' : 'the commune assessed it as not met';
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
      return { ...base, kind: 'answer', weight: RANK.answer, text: lang === 'vi' ? `${head}: trả lời "${wording}"` : `${head}: answer "${wording}"` };
    }
    const note = input.answers?.[ind.id]?.note;
    return {
      ...base, kind: 'meet-yes-no', weight: RANK['meet-yes-no'],
      text: lang === 'vi' ? `${head}: thực hiện "${wording}" và lưu minh chứng` : `${head}: carry out "${wording}" and keep the evidence`,
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
      details.push(lang === 'vi'
        ? `${name}: thêm ${formatCount(add, lang)} ${phrase(s.p, add, lang)}`
        : `${name}: ${formatCount(add, lang)} more ${phrase(s.p, add, lang)}`);
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
      text: lang === 'vi'
        ? `Chờ đến ngày ${formatDay(output.eligibility.from, lang)} mới đề nghị công nhận mức độ 2 (đủ 12 tháng sau quyết định công nhận mức độ 1)`
        : `Wait until ${formatDay(output.eligibility.from, lang)} to ask for level 2 (12 months after the level 1 decision)`,
    });
  }
  return actions.sort((a, b) => a.weight - b.weight
    || (order.get(a.indicatorId ?? '') ?? 99) - (order.get(b.indicatorId ?? '') ?? 99));
}
