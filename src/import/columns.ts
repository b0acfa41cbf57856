// The columns of a villages' sheet, derived from the glossary labels and the domain schemas in code
// (src/domain/schemas): which header means which field, which fields are counts or yes/no, and
// the "≤" chains as groups. A field added to the labels arrives here by itself; never list fields.
import type { Text } from '../domain/catalog/types.ts';
import { validateVillageCounts } from '../domain/schemas/entities.ts';
import { OTHER_LABELS, VILLAGE_COUNT_KEYS, VILLAGE_COUNT_LABELS, VILLAGE_KINDS, VILLAGE_KIND_WORDS } from '../domain/schemas/labels.ts';
import { fold, quotedPart, withoutParenthesis, withoutQuoted } from './text.ts';

/** A field of `villageCounts` as a sheet column. */
export interface FieldColumn {
  key: string;
  kind: 'count' | 'yesNo';
  label: Text;
}

const LABELS = VILLAGE_COUNT_LABELS as Readonly<Record<string, Text>>;
const COUNT_KEYS: ReadonlySet<string> = new Set<string>(VILLAGE_COUNT_KEYS);

/** Every field of a village's yearly counts, in the glossary's order. */
export const SHEET_FIELDS: readonly FieldColumn[] = Object.keys(LABELS).map((key) => ({
  key,
  kind: COUNT_KEYS.has(key) ? 'count' : 'yesNo',
  label: LABELS[key]!,
}));

/** The field of a key, if it is one. */
export function fieldOf(key: string): FieldColumn | undefined {
  return SHEET_FIELDS.find((f) => f.key === key);
}

/** Số thứ tự — the label of the running-number column, which the reader skips. */
export const STT_LABEL: Text = { vi: 'STT', en: 'No.' };

export { VILLAGE_KINDS };
const KIND_WORDS = VILLAGE_KIND_WORDS;

/** What a header cell means: the running number, the village's code or name, or a field. */
export type ColumnRole = { role: 'stt' } | { role: 'code' } | { role: 'name' } | { role: 'field'; field: FieldColumn };

function buildVocabulary(): Map<string, ColumnRole> {
  const forms = new Map<string, ColumnRole | null>();
  const add = (text: string, role: ColumnRole) => {
    const f = fold(text);
    if (!f) return;
    const have = forms.get(f);
    // A short form that two columns share would be a guess: it is recognised for neither.
    if (have === undefined) forms.set(f, role);
    else if (have !== null && JSON.stringify(have) !== JSON.stringify(role)) forms.set(f, null);
  };
  for (const s of [STT_LABEL.vi, STT_LABEL.en, 'TT', 'Số thứ tự', 'Số TT']) add(s, { role: 'stt' });
  for (const s of [OTHER_LABELS.villageCode.vi, OTHER_LABELS.villageCode.en, 'code', ...KIND_WORDS.map((k) => `Mã ${k}`)]) add(s, { role: 'code' });
  for (const s of [
    OTHER_LABELS.villageName.vi, OTHER_LABELS.villageName.en, OTHER_LABELS.village.vi, OTHER_LABELS.village.en, 'name',
    VILLAGE_KINDS.vi, withoutParenthesis(VILLAGE_KINDS.vi), ...KIND_WORDS, ...KIND_WORDS.map((k) => `Tên ${k}`),
  ]) add(s, { role: 'name' });
  for (const field of SHEET_FIELDS) {
    const role: ColumnRole = { role: 'field', field };
    for (const s of [field.label.vi, withoutQuoted(field.label.vi), withoutParenthesis(field.label.vi), field.label.en, field.key]) add(s, role);
  }
  const out = new Map<string, ColumnRole>();
  for (const [k, v] of forms) if (v) out.set(k, v);
  return out;
}

let vocabulary: Map<string, ColumnRole> | null = null;

/** What a header cell means, or null when the reader does not know it (it is listed, never guessed). */
export function roleOfHeader(text: unknown): ColumnRole | null {
  vocabulary ??= buildVocabulary();
  return vocabulary.get(fold(text)) ?? null;
}

/** A village name as compared: folded, without a leading "Thôn", "Bản", "Ấp" or "Tổ dân phố". */
export function villageNameKey(name: unknown): string {
  let f = fold(name);
  for (const w of KIND_WORDS.map(fold).sort((a, b) => b.length - a.length)) {
    if (f.startsWith(`${w} `)) {
      f = f.slice(w.length + 1);
      break;
    }
  }
  return f;
}

// ---------------------------------------------------------------------------------------------
// The "≤" chains, read from the schema itself

let uppers: Map<string, string[]> | null = null;

/**
 * For each count, the counts it must not exceed (glossary: familiesRecognized ≤ familiesRegistered
 * ≤ households, …), found by asking the domain schema about each pair: {low: 1, high: 0} breaks
 * the rule exactly when low ≤ high is one. So the chains have one definition, in the schema.
 */
export function upperKeysOf(key: string): readonly string[] {
  if (!uppers) {
    uppers = new Map();
    const counts = SHEET_FIELDS.filter((f) => f.kind === 'count').map((f) => f.key);
    for (const low of counts) {
      uppers.set(low, counts.filter((high) => high !== low && validateVillageCounts({ [low]: 1, [high]: 0 }).some((p) => p.path === low)));
    }
  }
  return uppers.get(key) ?? [];
}

/** A group of columns under one merged header: a chain's base count and the counts under it. */
export interface ColumnGroup {
  /** The merged header's text, or null for a column that stands alone. */
  title: string | null;
  fields: FieldColumn[];
}

/**
 * The fields as header groups, in glossary order: each base count (one with nothing above it) with
 * the counts under it, titled by the quoted name its members share ("Gia đình học tập") or else by
 * the base's own label; yes/no fields stand alone.
 */
export function columnGroups(): ColumnGroup[] {
  const groups: ColumnGroup[] = [];
  const headOf = (key: string): string => {
    const up = upperKeysOf(key);
    // The base is the upper that has nothing above it.
    return up.find((u) => upperKeysOf(u).length === 0) ?? key;
  };
  const byHead = new Map<string, ColumnGroup>();
  for (const field of SHEET_FIELDS) {
    if (field.kind !== 'count') {
      groups.push({ title: null, fields: [field] });
      continue;
    }
    const head = headOf(field.key);
    let g = byHead.get(head);
    if (!g) {
      g = { title: null, fields: [] };
      byHead.set(head, g);
      groups.push(g);
    }
    g.fields.push(field);
  }
  for (const g of groups) {
    if (g.fields.length < 2) continue;
    const names = g.fields.slice(1).map((f) => quotedPart(f.label.vi));
    const shared = names[0] && names.every((n) => n === names[0]) ? names[0] : null;
    g.title = shared ?? g.fields[0]!.label.vi;
  }
  return groups;
}
