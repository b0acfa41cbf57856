// Every key of a synced record, built and read HERE ONLY: `commune[/year][/village|indicator|decision]`
// with the commune's id first, so the server scopes every op to one commune by its first segment;
// a province's own records (its council, its settings) start with the province's id instead
// (`p:quang-ngai`, made from its name by provinceId; never a commune code, which has no colon).
// Branded types keep a village key from standing where a commune key (or a year key) is expected.
// Pure; on the first-load path, so no valibot and no catalog (callers pass the indicator check).
import { slugOf } from './fold.ts';

declare const KEY: unique symbol;
/** A key string of one shape. Only this module makes one (`as`); everything else gets them from here. */
type Key<S extends KeyShape> = string & { readonly [KEY]: S };

/** Xã — `${commune}`. */
export type CommuneKey = Key<'commune'>;
/** Thôn — `${commune}/${village}`. */
export type VillageKey = Key<'village'>;
/** Số liệu thôn theo năm — `${commune}/${year}/${village}`. */
export type CountsKey = Key<'counts'>;
/** A commune's year (số liệu chung, hồ sơ năm; the year lock reads it) — `${commune}/${year}`. */
export type YearKey = Key<'year'>;
/** Câu trả lời chỉ tiêu — `${commune}/${year}/${indicator}`. */
export type AnswerKey = Key<'answer'>;
/** Quyết định công nhận — `${commune}/${decision}`. */
export type DecisionKey = Key<'decision'>;
/** One version of a commune's dossier as sent — `${commune}/${year}/${version}`. */
export type VersionKey = Key<'version'>;
/** One change of a dossier's state, numbered from 1 — `${commune}/${year}/${step}`. */
export type StepKey = Key<'step'>;
/** The council's verdict on one indicator of one version — `${commune}/${year}/${version}/${indicator}`. */
export type ReviewKey = Key<'review'>;
/** A province's record of a year (its council, its settings) — `${province}/${year}`. */
export type ProvinceYearKey = Key<'provinceYear'>;
/** A province's id: `p:` and its name without marks (`p:quang-ngai`); see provinceId. */
export type ProvinceId = string & { readonly [KEY]: 'province' };
/** Tệp minh chứng of a year's dossier — `${commune}/${year}/${attachment}`. */
export type AttachmentKey = Key<'attachment'>;

/** The part names of each key shape, in key order. */
export const KEY_SHAPES = {
  commune: ['commune'],
  village: ['commune', 'village'],
  counts: ['commune', 'year', 'village'],
  year: ['commune', 'year'],
  answer: ['commune', 'year', 'indicator'],
  decision: ['commune', 'decision'],
  version: ['commune', 'year', 'version'],
  step: ['commune', 'year', 'step'],
  review: ['commune', 'year', 'version', 'indicator'],
  provinceYear: ['province', 'year'],
  attachment: ['commune', 'year', 'attachment'],
} as const satisfies Record<string, readonly KeyPart[]>;

export type KeyShape = keyof typeof KEY_SHAPES;
export type KeyPart = 'commune' | 'village' | 'year' | 'indicator' | 'decision' | 'version' | 'step' | 'province' | 'attachment';

/** Key parts that are whole numbers from 1 (a dossier's version, a state change's step). */
const ORDINAL_PARTS: ReadonlySet<KeyPart> = new Set(['version', 'step']);
/** A version or step segment: 1…9999, no leading zero. */
const ORDINAL_RE = /^[1-9]\d{0,3}$/;
/** A province id segment. */
export const PROVINCE_RE = /^p:[a-z0-9]+(?:-[a-z0-9]+){0,15}$/;

/** The key type of each shape. */
export interface KeyOfShape {
  commune: CommuneKey;
  village: VillageKey;
  counts: CountsKey;
  year: YearKey;
  answer: AnswerKey;
  decision: DecisionKey;
  version: VersionKey;
  step: StepKey;
  review: ReviewKey;
  provinceYear: ProvinceYearKey;
  attachment: AttachmentKey;
}

/** Any key of a synced record. */
export type AnyKey = KeyOfShape[KeyShape];

/** The parts of a key, by name (only those its shape has). */
export interface KeyParts {
  /** The commune; '' in a province's key (its first part is `province`). */
  commune: string;
  village?: string;
  year?: number;
  indicator?: string;
  decision?: string;
  version?: number;
  step?: number;
  province?: string;
  attachment?: string;
}

// ---------------------------------------------------------------------------------------------
// Building

/* @__NO_SIDE_EFFECTS__ */
export function communeKey(commune: string): CommuneKey {
  return commune as CommuneKey;
}
/* @__NO_SIDE_EFFECTS__ */
export function villageKey(commune: string, village: string): VillageKey {
  return `${commune}/${village}` as VillageKey;
}
/* @__NO_SIDE_EFFECTS__ */
export function countsKey(commune: string, year: number, village: string): CountsKey {
  return `${commune}/${year}/${village}` as CountsKey;
}
/* @__NO_SIDE_EFFECTS__ */
export function yearKey(commune: string, year: number): YearKey {
  return `${commune}/${year}` as YearKey;
}
/* @__NO_SIDE_EFFECTS__ */
export function answerKey(commune: string, year: number, indicator: string): AnswerKey {
  return `${commune}/${year}/${indicator}` as AnswerKey;
}
/* @__NO_SIDE_EFFECTS__ */
export function decisionKey(commune: string, decision: string): DecisionKey {
  return `${commune}/${decision}` as DecisionKey;
}

/* @__NO_SIDE_EFFECTS__ */
export function attachmentKey(commune: string, year: number, attachment: string): AttachmentKey {
  return `${commune}/${year}/${attachment}` as AttachmentKey;
}
/* @__NO_SIDE_EFFECTS__ */
export function versionKey(commune: string, year: number, version: number): VersionKey {
  return `${commune}/${year}/${version}` as VersionKey;
}
/* @__NO_SIDE_EFFECTS__ */
export function stepKey(commune: string, year: number, step: number): StepKey {
  return `${commune}/${year}/${step}` as StepKey;
}
/* @__NO_SIDE_EFFECTS__ */
export function reviewKey(commune: string, year: number, version: number, indicator: string): ReviewKey {
  return `${commune}/${year}/${version}/${indicator}` as ReviewKey;
}
/* @__NO_SIDE_EFFECTS__ */
export function provinceYearKey(province: ProvinceId, year: number): ProvinceYearKey {
  return `${province}/${year}` as ProvinceYearKey;
}

/**
 * The id of a province from its name as the communes carry it: `p:` and the name in lower case
 * without marks, words joined by '-' ("Quảng Ngãi" → `p:quang-ngai`, "Bà Rịa – Vũng Tàu" →
 * `p:ba-ria-vung-tau`). The same name always gives the same id, on the phone and the server.
 */
export function provinceId(name: string): ProvinceId {
  return `p:${slugOf(name)}` as ProvinceId;
}

/** Whether a key's first part is a province (a province's own record), not a commune. */
export function isProvinceKey(key: string): boolean {
  return key.startsWith('p:');
}

/** What every key of a commune (or of its year) starts with: `21085/` or `21085/2025/` (a store reads by it). */
export function keyPrefix(commune: string, year?: number): string {
  return year === undefined ? `${commune}/` : `${commune}/${year}/`;
}

/** The key of `shape` made of `parts` (a row's key properties, an op's parts). */
export function buildKey<S extends KeyShape>(shape: S, parts: Readonly<Record<string, unknown>>): KeyOfShape[S] {
  return KEY_SHAPES[shape].map((p) => String(parts[p])).join('/') as KeyOfShape[S];
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The commune id a key belongs to: its first segment. Asked for every op, so no split. */
export function communeOfKey(key: string): string {
  const slash = key.indexOf('/');
  return slash === -1 ? key : key.slice(0, slash);
}

/**
 * The year key (`commune/year`) that starts a key whose second part is a year (counts, figures,
 * answers, the dossier), or null when there is none. Asked for every op, so no split.
 */
export function yearKeyOf(key: string): YearKey | null {
  const first = key.indexOf('/');
  if (first <= 0) return null;
  const second = key.indexOf('/', first + 1);
  const end = second === -1 ? key.length : second;
  return end > first + 1 ? (key.slice(0, end) as YearKey) : null;
}

/** The year of a key whose second part is one (`21085/2025/T01` → 2025), or null. */
export function yearOfKey(key: string): number | null {
  const yk = yearKeyOf(key);
  if (!yk) return null;
  const y = yk.slice(yk.indexOf('/') + 1);
  return /^\d{4}$/.test(y) ? Number(y) : null;
}

/**
 * The parts of a key of `shape` as storage holds it: the right number of non-empty segments and
 * 4-digit years; null otherwise. Rows of any older release pass; what may be WRITTEN is checkKey's.
 */
export function readKey(shape: KeyShape, key: string): KeyParts | null {
  const names = KEY_SHAPES[shape];
  const segs = key.split('/');
  if (segs.length !== names.length || segs.some((s) => s === '')) return null;
  const out: KeyParts = { commune: '' };
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const seg = segs[i]!;
    if (name === 'year') {
      if (!/^\d{4}$/.test(seg)) return null;
      out.year = Number(seg);
    } else if (ORDINAL_PARTS.has(name)) {
      if (!ORDINAL_RE.test(seg)) return null;
      out[name as 'version' | 'step'] = Number(seg);
    } else out[name as 'commune' | 'village' | 'indicator' | 'decision' | 'province'] = seg;
  }
  return out;
}

/** Why a key may not be written: a code with its parameters (the caller words it). */
export type KeyProblem =
  | { code: 'keyShape'; key: string; want: string }
  | { code: 'keyYear'; segment: string; min: number; max: number }
  | { code: 'keyIndicator'; segment: string }
  | { code: 'keyCode'; segment: string }
  | { code: 'keyOrdinal'; segment: string }
  | { code: 'keyProvince'; segment: string };

export interface KeyRules {
  /** A code segment (commune, village, decision): CODE_RE and not a reserved name. */
  isCode(seg: string): boolean;
  /** An indicator an answer may be keyed by (the default catalog's yes/no ones). */
  isIndicator(id: string): boolean;
  minYear: number;
  maxYear: number;
}

/** The parts of a key of `shape` that may be written (every segment checked), or why not. */
export function checkKey(shape: KeyShape, key: string, rules: KeyRules): KeyParts | KeyProblem {
  const names = KEY_SHAPES[shape];
  const segs = key.split('/');
  if (segs.length !== names.length) return { code: 'keyShape', key, want: names.map((s) => `{${s}}`).join('/') };
  const out: KeyParts = { commune: '' };
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const seg = segs[i]!;
    if (name === 'year') {
      const y = /^\d{4}$/.test(seg) ? Number(seg) : NaN;
      if (!(y >= rules.minYear && y <= rules.maxYear)) return { code: 'keyYear', segment: seg, min: rules.minYear, max: rules.maxYear };
      out.year = y;
    } else if (name === 'indicator') {
      if (!rules.isIndicator(seg)) return { code: 'keyIndicator', segment: seg };
      out.indicator = seg;
    } else if (ORDINAL_PARTS.has(name)) {
      if (!ORDINAL_RE.test(seg)) return { code: 'keyOrdinal', segment: seg };
      out[name as 'version' | 'step'] = Number(seg);
    } else if (name === 'province') {
      if (!PROVINCE_RE.test(seg)) return { code: 'keyProvince', segment: seg };
      out.province = seg;
    } else {
      if (!rules.isCode(seg)) return { code: 'keyCode', segment: seg };
      out[name as 'commune' | 'village' | 'decision' | 'attachment'] = seg;
    }
  }
  return out;
}

/** Whether checkKey answered with a problem. */
export function isKeyProblem(x: KeyParts | KeyProblem): x is KeyProblem {
  return 'code' in x;
}
