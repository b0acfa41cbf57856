// Words for readiness results: status and level labels, the gap of one indicator as a sentence, and
// the ordered actions that would close the gaps to a level. Pure text from (output, input, catalog);
// never judges anything itself — the statuses and gaps come from assess().

import type {
  AssessInput, AssessOutput, IndicatorResult, LevelNo, RatioValue, Status, VillageInput,
} from '../assess-types.ts';
import { findIndicator, getCatalog } from '../catalog/index.ts';
import type { Catalog, IndicatorDef, RatioIndicator, StandardFigureKey, StandardIndicator } from '../catalog/types.ts';
import { COMMUNE_FIGURE_LABELS, VILLAGE_COUNT_LABELS, inSentence } from '../schemas/labels.ts';
import { percentToTenths } from './ratio.ts';

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

/** "tạm tính": shown beside provisional wordings and thresholds. */
export const PROVISIONAL_LABEL: Readonly<Record<Lang, string>> = { vi: 'tạm tính', en: 'provisional' };

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

/** A percent with at most one decimal: 72,5% (vi-VN), 72.5% (en). */
export function formatPercent(p: number, lang: Lang = 'vi'): string {
  return `${p.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 })}%`;
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

function plural(ind: RatioIndicator, n: number, lang: Lang): string {
  if (lang === 'vi') return ind.gapPhrase.vi;
  return n === 1 ? ind.gapPhrase.enOne : ind.gapPhrase.en;
}

function nounOf(ind: RatioIndicator, n: number, lang: Lang): string {
  if (lang === 'vi') return ind.noun.vi;
  return n === 1 ? ind.noun.enOne : ind.noun.en;
}

function label(key: string, lang: Lang): string {
  const l = (VILLAGE_COUNT_LABELS as Record<string, { vi: string; en: string }>)[key]
    ?? (COMMUNE_FIGURE_LABELS as Record<string, { vi: string; en: string }>)[key];
  return l ? l[lang] : key;
}

/** The fields a ratio indicator reads. */
function ratioFields(ind: RatioIndicator): string[] {
  const s = ind.source;
  return s.scope === 'village-flag' ? [s.flag] : [s.numerator, s.denominator];
}

function joinList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  const and = lang === 'vi' ? ' và ' : ' and ';
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

export interface GapContext {
  /** The level the result belongs to, for "ngưỡng mức độ 2 chưa được cấu hình". */
  level?: LevelNo;
  /** The input's villages, to name the villages that lack data. */
  villages?: readonly { code: string; name?: string | undefined }[];
}

function standardShortfalls(ind: StandardIndicator, r: IndicatorResult, lang: Lang): { below: string[]; absent: string[] } {
  const value = (r.value ?? {}) as Record<string, number | boolean | null>;
  const mins = (r.threshold ?? {}) as Record<string, number | boolean>;
  const below: string[] = [];
  const absent: string[] = [];
  for (const f of ind.figures) {
    const min = mins[f];
    if (min === undefined) continue;
    const got = value[f];
    if (got === null || got === undefined) absent.push(label(f, lang));
    else if (typeof min === 'boolean') {
      if (min && got !== true) below.push(lang === 'vi' ? `${label(f, lang)}: chưa đạt` : `${label(f, lang)}: not met`);
    } else if (typeof got === 'number' && got < min) {
      below.push(lang === 'vi'
        ? `${label(f, lang)}: mức ${got}, cần từ mức ${min} trở lên`
        : `${label(f, lang)}: level ${got}, needs level ${min} or higher`);
    }
  }
  return { below, absent };
}

/**
 * The gap of one indicator result as a short phrase, or null when it is met:
 * `cần thêm 23 hộ được công nhận "Gia đình học tập"` / `23 more households recognised as "Learning Family" needed`.
 */
export function gapText(r: IndicatorResult, catalog: Catalog, lang: Lang = 'vi', ctx: GapContext = {}): string | null {
  if (r.status === 'met') return null;
  const ind = findIndicator(catalog, r.id);
  if (!ind) return null;
  if (r.reason === 'threshold-not-set') {
    if (lang === 'vi') return ctx.level ? `ngưỡng mức độ ${ctx.level} chưa được cấu hình` : 'ngưỡng chưa được cấu hình';
    return ctx.level ? `the level ${ctx.level} threshold is not configured` : 'the threshold is not configured';
  }
  switch (ind.kind) {
    case 'yes-no':
      if (r.status === 'unknown') return lang === 'vi' ? 'chưa trả lời' : 'not answered yet';
      return lang === 'vi' ? 'xã tự đánh giá là Chưa đạt' : 'the commune assessed it as not met';
    case 'standard': {
      const { below, absent } = standardShortfalls(ind, r, lang);
      if (r.status === 'unmet') return below.join('; ');
      return lang === 'vi' ? `chưa có số liệu: ${joinList(absent, lang)}` : `no data yet: ${joinList(absent, lang)}`;
    }
    case 'ratio': {
      if (r.status === 'unmet') {
        const gap = r.gap ?? 0;
        return lang === 'vi'
          ? `cần thêm ${formatCount(gap, lang)} ${plural(ind, gap, lang)}`
          : `${formatCount(gap, lang)} more ${plural(ind, gap, lang)} needed`;
      }
      if (r.reason === 'zero-denominator') {
        const den = ind.source.scope === 'village-flag' ? (lang === 'vi' ? 'số thôn có số liệu' : 'villages with data') : label(ind.source.denominator, lang);
        return lang === 'vi' ? `${den} bằng 0, chưa tính được tỷ lệ` : `${den} is 0, the ratio cannot be computed`;
      }
      if (r.missing.length > 0) {
        const names = r.missing.map((code) => villageDisplayName(ctx.villages?.find((v) => v.code === code) ?? { code }, lang));
        return lang === 'vi'
          ? `chưa có số liệu của ${r.missing.length} thôn: ${names.join(', ')}`
          : `no data yet from ${r.missing.length} ${r.missing.length === 1 ? 'village' : 'villages'}: ${names.join(', ')}`;
      }
      const fields = joinList(ratioFields(ind).map((f) => lang === 'vi' ? inSentence(label(f, lang)) : label(f, lang)), lang);
      return lang === 'vi' ? `chưa có số liệu ${fields}` : `no data yet: ${fields}`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Actions

export type ActionKind = 'answer' | 'enter-data' | 'close-gap' | 'raise-standard' | 'meet-yes-no' | 'set-threshold' | 'wait';

/** One concrete step towards a level. */
export interface Action {
  kind: ActionKind;
  /** The indicator it serves; null for `wait`. */
  indicatorId: string | null;
  /** Cheaper first: the kind's rank, then the gap relative to the denominator. */
  weight: number;
  text: string;
  /** Per-village steps, e.g. "Thôn Làng Mạ: thêm 12 hộ". */
  details: string[];
  /** The same per-village steps as data (`add` = how many to recognise there). */
  villages: { code: string; name: string; add: number }[];
}

const RANK: Record<ActionKind, number> = {
  answer: 0, 'enter-data': 1, 'close-gap': 2, 'raise-standard': 3, 'meet-yes-no': 4, 'set-threshold': 5, wait: 6,
};

function villageRatio(v: VillageInput, num: string, den: string): number {
  const n = v[num as keyof VillageInput] as number;
  const d = v[den as keyof VillageInput] as number;
  return d > 0 ? n / d : 1;
}

/** Splits a ratio gap over the villages furthest below the threshold, none past the threshold. */
function allocateGap(ind: RatioIndicator, r: IndicatorResult, input: AssessInput, lang: Lang) {
  const src = ind.source;
  const rows: Action['villages'] = [];
  const details: string[] = [];
  let remaining = r.gap ?? 0;
  if (src.scope === 'villages' && typeof r.threshold === 'number') {
    const t = percentToTenths(r.threshold);
    const registeredKey = src.numerator === 'familiesRecognized' ? 'familiesRegistered'
      : src.numerator === 'lineagesRecognized' ? 'lineagesRegistered' : null;
    const candidates = input.villages
      .filter((v) => typeof v[src.numerator] === 'number' && typeof v[src.denominator] === 'number')
      .map((v) => ({ v, ratio: villageRatio(v, src.numerator, src.denominator) }))
      .sort((a, b) => a.ratio - b.ratio || (a.v.code < b.v.code ? -1 : 1));
    for (const { v } of candidates) {
      if (remaining <= 0) break;
      const n = v[src.numerator] as number;
      const d = v[src.denominator] as number;
      const need = Math.max(0, Math.ceil((d * t) / 1000) - n);
      const add = Math.min(need, remaining);
      if (add <= 0) continue;
      remaining -= add;
      const name = villageDisplayName(v, lang);
      rows.push({ code: v.code, name, add });
      const reg = registeredKey ? v[registeredKey] : null;
      const alsoRegister = typeof reg === 'number' ? Math.max(0, n + add - reg) : 0;
      const noun = nounOf(ind, add, lang);
      details.push(lang === 'vi'
        ? `${name}: thêm ${formatCount(add, lang)} ${noun}${alsoRegister > 0 ? ` (cần đăng ký thêm ${formatCount(alsoRegister, lang)} ${noun})` : ''}`
        : `${name}: ${formatCount(add, lang)} more ${noun}${alsoRegister > 0 ? ` (${formatCount(alsoRegister, lang)} more must register)` : ''}`);
    }
  } else if (src.scope === 'village-flag') {
    // Villages not yet recognised, those whose families are furthest along first.
    const candidates = input.villages
      .filter((v) => v[src.flag] === false)
      .sort((a, b) => villageRatioSafe(b) - villageRatioSafe(a) || (a.code < b.code ? -1 : 1));
    for (const v of candidates.slice(0, remaining)) {
      const name = villageDisplayName(v, lang);
      rows.push({ code: v.code, name, add: 1 });
      details.push(lang === 'vi'
        ? `${name}: đề nghị công nhận "Cộng đồng học tập" cấp thôn`
        : `${name}: seek recognition as village-level "Learning Community"`);
    }
  }
  return { rows, details };
}

function villageRatioSafe(v: VillageInput): number {
  return typeof v.familiesRecognized === 'number' && typeof v.households === 'number' && v.households > 0
    ? v.familiesRecognized / v.households : 0;
}

function missingFieldsOf(v: VillageInput, fields: string[]): string[] {
  return fields.filter((f) => {
    const x = v[f as keyof VillageInput];
    return x === null || x === undefined;
  });
}

function actionFor(ind: IndicatorDef, r: IndicatorResult, level: LevelNo, input: AssessInput, catalog: Catalog, lang: Lang): Action | null {
  if (r.status === 'met') return null;
  const head = `${ind.id}`;
  const base = { indicatorId: ind.id, details: [] as string[], villages: [] as Action['villages'] };
  if (r.reason === 'threshold-not-set') {
    return {
      ...base, kind: 'set-threshold', weight: RANK['set-threshold'],
      text: lang === 'vi'
        ? `${head}: cấu hình ngưỡng mức độ ${level} theo quy định của tỉnh`
        : `${head}: configure the level ${level} threshold set by the province`,
    };
  }
  if (ind.kind === 'yes-no') {
    if (r.status === 'unknown') {
      return {
        ...base, kind: 'answer', weight: RANK.answer,
        text: lang === 'vi' ? `${head}: trả lời "${ind.text.vi}"` : `${head}: answer "${ind.text.en}"`,
      };
    }
    const note = input.answers?.[ind.id]?.note;
    return {
      ...base, kind: 'meet-yes-no', weight: RANK['meet-yes-no'],
      text: lang === 'vi'
        ? `${head}: thực hiện "${ind.text.vi}" và lưu minh chứng`
        : `${head}: carry out "${ind.text.en}" and keep the evidence`,
      details: note ? [note] : [],
    };
  }
  if (ind.kind === 'standard') {
    const text = gapText(r, catalog, lang, { level }) ?? '';
    return r.status === 'unknown'
      ? { ...base, kind: 'enter-data', weight: RANK['enter-data'], text: lang === 'vi' ? `${head}: nhập số liệu — ${text}` : `${head}: enter the figures — ${text}` }
      : { ...base, kind: 'raise-standard', weight: RANK['raise-standard'], text: `${head}: ${text}` };
  }
  // ratio
  if (r.status === 'unknown') {
    const fields = ratioFields(ind);
    const details: string[] = [];
    const villages: Action['villages'] = [];
    for (const code of r.missing) {
      const v = input.villages.find((x) => x.code === code);
      if (!v) continue;
      const name = villageDisplayName(v, lang);
      villages.push({ code, name, add: 0 });
      details.push(`${name}: ${missingFieldsOf(v, fields).map((f) => label(f, lang)).join(', ')}`);
    }
    return {
      ...base, kind: 'enter-data', weight: RANK['enter-data'] + r.missing.length / 1000, details, villages,
      text: lang === 'vi'
        ? `${head}: ${gapText(r, catalog, lang, { level, villages: input.villages })}`
        : `${head}: ${gapText(r, catalog, lang, { level, villages: input.villages })}`,
    };
  }
  const value = r.value as RatioValue;
  const relative = value.denominator > 0 ? (r.gap ?? 0) / value.denominator : 1;
  const { rows, details } = allocateGap(ind, r, input, lang);
  const now = value.percent === null ? '' : formatPercent(value.percent, lang);
  const need = typeof r.threshold === 'number' ? formatPercent(r.threshold, lang) : '';
  return {
    indicatorId: ind.id, kind: 'close-gap', weight: RANK['close-gap'] + relative, details, villages: rows,
    text: lang === 'vi'
      ? `${head}: ${gapText(r, catalog, lang)} (hiện ${now}, cần ${need})`
      : `${head}: ${gapText(r, catalog, lang)} (now ${now}, needs ${need})`,
  };
}

/**
 * Concrete steps that would bring the commune to `level`, cheapest first: answer what is
 * unanswered, enter missing data (naming the villages), close ratio gaps from the smallest
 * relative gap (split over the villages furthest below), then standards, failed yes/no
 * indicators, unset thresholds, and the 12-month wait for level 2.
 */
export function actionsToReach(output: AssessOutput, level: LevelNo, input: AssessInput, lang: Lang = 'vi', catalog?: Catalog): Action[] {
  const cat = catalog ?? getCatalog(output.catalog);
  if (!cat) return [];
  const byKey = new Map<string, Action>();
  const order = new Map<string, number>();
  cat.criteria.flatMap((c) => c.indicators).forEach((ind, i) => order.set(ind.id, i));
  // A level needs the levels below it too; an indicator short at two levels keeps its larger step.
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
