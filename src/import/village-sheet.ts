// A villages' sheet as data: finds the header row under any title rows, knows each column by its
// glossary label (or lists it as unknown), reads every row's village and counts, and checks them
// with the domain schema (whole numbers ≥ 0, the glossary's "≤" chains) — the same rules as the
// form. Every problem names the sheet's own row number and column letter. Pure; writes nothing.
import { validateVillageCounts } from '../domain/schemas/entities.ts';
import { inSentence, type LabelName } from '../domain/schemas/labels.ts';
import { CODE_RE } from '../domain/sync/limits.ts';
import { countValue, isBlank, isTick, textValue, yesNoValue } from './cells.ts';
import { roleOfHeader, villageNameKey, type ColumnRole, type FieldColumn } from './columns.ts';
import type { Cell, Sheet } from './read.ts';
import { MAX_DATA_ROWS, SheetRefusal } from './refusal.ts';
import { columnLetter, fold, shown } from './text.ts';
import { valueProblemText as problemText } from '../i18n/value-problems.ts';
import { sheetWords } from '../i18n/sheet.ts';

/** One thing wrong, where the spreadsheet shows it (row 6, column "L"); null for the whole file. */
export interface SheetProblem {
  row: number | null;
  column: string | null;
  /** The glossary key of the field, when the problem is about one. */
  field: string | null;
  vi: string;
  en: string;
}

/** A data row: its village as the sheet names it and the values it gives (glossary keys). */
export interface SheetRow {
  row: number;
  village: { code?: string; name: string };
  fields: Record<string, number | boolean>;
}

export interface UnknownColumn {
  column: string;
  header: string;
}

/** A recognised column. */
export interface SheetColumn {
  column: string;
  index: number;
  role: ColumnRole['role'];
  field?: FieldColumn;
}

/** The sheet as the reader understood it. `rows`, `problems`, `unknownColumns` are the CLI's JSON. */
export interface VillageSheet {
  /** The tab the villages were found on ("" for a CSV); the first tab with a header row. */
  sheet: string;
  rows: SheetRow[];
  problems: SheetProblem[];
  unknownColumns: UnknownColumn[];
  /** The header row's number (1-based). */
  headerRow: number;
  columns: SheetColumn[];
  /** Rows read past on purpose: the template's example row, a total row. */
  skipped: { row: number; reason: 'example' | 'total' }[];
  /** The year a title above the header names ("… NĂM 2024"), to warn when it is not the one imported into. */
  titleYear: number | null;
}

/** How far down a title may push the header row. */
const HEADER_SEARCH_ROWS = 30;

/** A problem at a cell, its message (both locales) after "Dòng 6, cột L: ". */
export function cellProblem(row: number, column: string | null, field: string | null, vi: string, en: string): SheetProblem {
  const where = column ? sheetWords('sheet.atCell', { row, column }) : sheetWords('sheet.atRow', { row });
  return { row, column, field, vi: where.vi + inSentence(vi), en: where.en + en.charAt(0).toLowerCase() + en.slice(1) };
}

interface Header {
  rowIndex: number;
  columns: SheetColumn[];
  unknown: UnknownColumn[];
  problems: SheetProblem[];
}

/** The roles of a candidate header row; an empty cell takes a known label from the row above (merged cells). */
function readHeader(rows: Cell[][], r: number): Header {
  const row = rows[r] ?? [];
  const above = r > 0 ? rows[r - 1] ?? [] : [];
  const width = Math.max(row.length, above.length);
  const columns: SheetColumn[] = [];
  const unknown: UnknownColumn[] = [];
  const problems: SheetProblem[] = [];
  const seen = new Map<string, string>();
  // Only a row with labels of its own is a header (a data row under one never borrows its labels).
  if (!row.some((cell) => !isBlank(cell) && roleOfHeader(cell) !== null)) return { rowIndex: r, columns, unknown, problems };
  for (let c = 0; c < width; c++) {
    let text = textValue(row[c]);
    let role = text ? roleOfHeader(text) : null;
    if (!text && !isBlank(above[c])) {
      const up = roleOfHeader(above[c]);
      if (up) {
        text = textValue(above[c]);
        role = up;
      }
    }
    if (!text) continue;
    const letter = columnLetter(c);
    if (!role) {
      unknown.push({ column: letter, header: text });
      continue;
    }
    const id = role.role === 'field' ? role.field.key : role.role;
    const first = seen.get(id);
    if (first) {
      const label = role.role === 'field' ? role.field.key as LabelName : role.role === 'code' ? 'villageCode' : role.role === 'name' ? 'villageName' : null;
      if (label) {
        const w = sheetWords('sheet.sameColumn', { first, column: letter, label });
        problems.push(cellProblem(r + 1, letter, role.role === 'field' ? role.field.key : null, w.vi, w.en));
      }
      continue;
    }
    seen.set(id, letter);
    columns.push({ column: letter, index: c, role: role.role, ...(role.role === 'field' ? { field: role.field } : {}) });
  }
  return { rowIndex: r, columns, unknown, problems };
}

/**
 * The header: of the rows near the top that name a village column and a field, the one naming the
 * most fields (the lower row of a two-row header with merged group titles above), else the first.
 */
function findHeader(rows: Cell[][]): Header {
  let best: Header | null = null;
  let bestFields = 0;
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const h = readHeader(rows, r);
    const hasVillage = h.columns.some((c) => c.role === 'code' || c.role === 'name');
    const fields = h.columns.filter((c) => c.role === 'field').length;
    if (hasVillage && fields > bestFields) {
      best = h;
      bestFields = fields;
    }
  }
  if (!best) throw new SheetRefusal('no-header');
  return best;
}

/** "SỐ LIỆU … NĂM 2025" in the rows above the header → 2025. */
function titleYearOf(titleRows: Cell[][]): number | null {
  for (const row of titleRows) {
    for (const cell of row) {
      const m = /\bnam (20\d\d)\b/.exec(fold(cell));
      if (m) return Number(m[1]);
    }
  }
  return null;
}

const EXAMPLE = new Set(['vi du', 'example']);
const TOTAL = new Set(['tong cong', 'tong', 'cong', 'tong so', 'total', 'toan xa']);

/**
 * Reads a villages' sheet. Throws SheetRefusal when the whole file cannot be taken (no header,
 * no data rows, too many rows); problems of single rows and cells are returned, never thrown.
 */
export function readVillageSheet(grid: { rows: Cell[][]; sheets?: Sheet[] }, onRow?: (done: number, total: number) => void): VillageSheet {
  // The villages are on the first tab that has a header row (a cover sheet may come first).
  const sheets = grid.sheets ?? [{ name: '', rows: grid.rows }];
  let header: Header | null = null;
  let rowsOfSheet: Cell[][] = grid.rows;
  let sheetName = sheets[0]?.name ?? '';
  for (const sh of sheets) {
    try {
      header = findHeader(sh.rows);
    } catch (e) {
      if (e instanceof SheetRefusal) continue;
      throw e;
    }
    rowsOfSheet = sh.rows;
    sheetName = sh.name;
    break;
  }
  if (!header) throw new SheetRefusal('no-header');
  const headerRow = header.rowIndex + 1;
  const cols = header.columns;
  const codeCol = cols.find((c) => c.role === 'code');
  const nameCol = cols.find((c) => c.role === 'name');
  const sttCol = cols.find((c) => c.role === 'stt');
  const fieldCols = cols.filter((c): c is SheetColumn & { field: FieldColumn } => c.role === 'field' && !!c.field);
  const known = new Set(cols.map((c) => c.index));

  const body: { index: number; row: Cell[] }[] = [];
  const skipped: VillageSheet['skipped'] = [];
  for (let r = header.rowIndex + 1; r < rowsOfSheet.length; r++) {
    const row = rowsOfSheet[r] ?? [];
    if (row.every((c) => isBlank(c))) continue;
    const stt = sttCol ? fold(row[sttCol.index]) : '';
    const name = nameCol ? textValue(row[nameCol.index]) : '';
    const code = codeCol ? textValue(row[codeCol.index]) : '';
    if (EXAMPLE.has(stt) || /^vi du\b/.test(fold(name))) {
      skipped.push({ row: r + 1, reason: 'example' });
      continue;
    }
    if (!code && TOTAL.has(fold(name))) {
      skipped.push({ row: r + 1, reason: 'total' });
      continue;
    }
    // A row holding only unknown columns (a note under the table) is not a village.
    if (row.every((c, i) => isBlank(c) || !known.has(i) || i === sttCol?.index)) continue;
    body.push({ index: r, row });
    if (body.length > MAX_DATA_ROWS) throw new SheetRefusal('too-many-rows');
  }
  if (body.length === 0) throw new SheetRefusal('empty');

  // A column of ticks ("x") reads a blank cell as "no"; elsewhere a blank cell gives no value.
  const tickColumns = new Set(
    fieldCols.filter((c) => c.field.kind === 'yesNo' && body.some((b) => isTick(b.row[c.index]))).map((c) => c.index),
  );

  const problems: SheetProblem[] = [...header.problems];
  const rows: SheetRow[] = [];
  const firstRowOf = new Map<string, number>();
  body.forEach((b, i) => {
    if (i % 200 === 0) onRow?.(i, body.length);
    const rowNo = b.index + 1;
    const code = codeCol ? textValue(b.row[codeCol.index]) : '';
    const name = nameCol ? textValue(b.row[nameCol.index]) : '';
    if (!code && !name) {
      const col = (nameCol ?? codeCol)!;
      const w = sheetWords('sheet.noName');
      problems.push(cellProblem(rowNo, col.column, null, w.vi, w.en));
      return;
    }
    if (code && !CODE_RE.test(code)) {
      const w = sheetWords('sheet.badCode', { value: shown(code) });
      problems.push(cellProblem(rowNo, codeCol!.column, null, w.vi, w.en));
    }
    const identity = code ? `code:${code.toLowerCase()}` : `name:${villageNameKey(name)}`;
    const first = firstRowOf.get(identity);
    if (first !== undefined) {
      const w = sheetWords('sheet.repeatedRow', { value: shown(code || name), first });
      problems.push(cellProblem(rowNo, (code ? codeCol : nameCol)!.column, null, w.vi, w.en));
    } else {
      firstRowOf.set(identity, rowNo);
    }

    const fields: Record<string, number | boolean> = {};
    const values: Record<string, unknown> = {};
    for (const c of fieldCols) {
      const cell = b.row[c.index];
      const key = c.field.key;
      if (c.field.kind === 'yesNo') {
        const yn = yesNoValue(cell);
        const value = yn === undefined && tickColumns.has(c.index) ? false : yn;
        if (value === undefined) continue;
        if (typeof value === 'object') {
          const w = sheetWords('sheet.yesNo', { value: shown(value.text), label: key as LabelName });
          problems.push(cellProblem(rowNo, c.column, key, w.vi, w.en));
          continue;
        }
        values[key] = value;
        continue;
      }
      const value = countValue(cell);
      if (value === undefined) continue;
      values[key] = value;
    }
    // The domain schema judges the values: types, whole numbers ≥ 0, and the "≤" chains.
    const bad = new Set<string>();
    for (const p of validateVillageCounts(values)) {
      const key = /^[A-Za-z0-9_]+/.exec(p.path)?.[0] ?? p.path;
      const col = fieldCols.find((c) => c.field.key === key);
      const raw = values[key];
      const holds = typeof raw === 'string' || typeof raw === 'boolean'
        ? sheetWords('sheet.cellHolds', { value: shown(col ? textValue(b.row[col.index]) : raw) }) : { vi: '', en: '' };
      problems.push(cellProblem(rowNo, col?.column ?? null, key, problemText(p, 'vi') + holds.vi, problemText(p, 'en') + holds.en));
      bad.add(key);
    }
    for (const [k, v] of Object.entries(values)) {
      if (!bad.has(k) && (typeof v === 'number' || typeof v === 'boolean')) fields[k] = v;
    }
    const village: SheetRow['village'] = code ? { code, name: name || code } : { name };
    rows.push({ row: rowNo, village, fields });
  });
  onRow?.(body.length, body.length);
  return { sheet: sheetName, rows, problems, unknownColumns: header.unknown, headerRow, columns: cols, skipped, titleYear: titleYearOf(rowsOfSheet.slice(0, header.rowIndex)) };
}

/** The sheet in the CLI's JSON shape: `{ rows, problems, unknownColumns }`. */
export function sheetJson(sheet: Pick<VillageSheet, 'rows' | 'problems' | 'unknownColumns'>) {
  return { rows: sheet.rows, problems: sheet.problems, unknownColumns: sheet.unknownColumns };
}

/** A refused file as the CLI's JSON: no rows, one problem for the whole file. */
export function refusalJson(r: { vi: string; en: string }) {
  return { rows: [], problems: [{ row: null, column: null, field: null, vi: r.vi, en: r.en }], unknownColumns: [] };
}
