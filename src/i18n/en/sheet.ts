// The part `sheet` in English: the same codes as vi/sheet.ts, the compiler checks that none is missing.
import type { Mirror } from '../words.ts';
import type { words as vi } from '../vi/sheet.ts';

import { labelOf, type LabelName } from '../../domain/schemas/labels.ts';

const n = (x: number): string => new Intl.NumberFormat('en-GB').format(x);
const L = (label: LabelName): string => labelOf(label).en;
type Shown = { value: string };

export const words: Mirror<typeof vi> = {
  'sheet.too-big': 'The file is larger than {mb} MB, so it is not imported. Remove sheets or pictures it does not need, or split it.',
  'sheet.too-big-unpacked': "The file unpacks to more than {mb} MB: not an ordinary villages' sheet (perhaps damaged or malicious), so it is not imported.",
  'sheet.too-many-rows': (p: { rows: number }) => `The sheet has more than ${n(p.rows)} data rows, so it is not imported. A commune has a few dozen villages: check the file or split it.`,
  'sheet.damaged': 'The file is damaged and cannot be read. Open it in Excel or LibreOffice, save it as .xlsx and choose it again.',
  'sheet.password': 'The file is protected by a password and cannot be read. Open it, remove the password, save it and choose it again.',
  'sheet.xls': 'Excel 97–2003 files (.xls) cannot be read. Open it in Excel or LibreOffice and save it as .xlsx.',
  'sheet.ods': 'LibreOffice files (.ods) cannot be read. Open it, use File → Save As… → "Excel 2007-365 (.xlsx)" and choose it again.',
  'sheet.not-a-sheet': 'This file is neither an Excel workbook (.xlsx) nor a CSV file.',
  'sheet.encoding': 'The CSV file is not saved as UTF-8, so Vietnamese letters would be garbled. In Excel use Save As → "CSV UTF-8"; in LibreOffice choose "Unicode (UTF-8)".',
  'sheet.no-header': 'No header row found: a "Village name" (or "Village code") column and at least one figure column, e.g. "Total households", are needed. "Download the Excel template" has the exact headers.',
  'sheet.empty': 'The sheet has no data rows under its header row.',

  'sheet.atCell': 'Row {row}, column {column}: ',
  'sheet.atRow': 'Row {row}: ',

  'sheet.sameColumn': (p: { first: string; column: string; label: LabelName }) => `columns ${p.first} and ${p.column} are both "${L(p.label)}": keep only one`,
  'sheet.noName': `${L('villageName')} is missing`,
  'sheet.badCode': (p: Shown) => `Village code "${p.value}" may hold only unaccented letters, digits, dots, hyphens or underscores (at most 32)`,
  'sheet.repeatedRow': (p: Shown & { first: number }) => `village "${p.value}" is already on row ${p.first}: one row per village`,
  'sheet.yesNo': (p: Shown & { label: LabelName }) => `${L(p.label)} takes only "Có" (yes), "Không" (no) or a tick "x" (the cell holds "${p.value}")`,
  'sheet.cellHolds': ' (the cell holds "{value}")',
  'sheet.codeTypo': (p: Shown & { name: string; codes: string }) => `village code "${p.value}" is not in the commune, but "${p.name}" has code ${p.codes}: correct the code`,
  'sheet.sameName': (p: Shown & { count: number; codes: string }) => `${p.count} villages are named "${p.value}" (${p.codes}): add a "${L('villageCode')}" column`,
  'sheet.sharedCode': (p: Shown & { count: number; names: string }) => `village code "${p.value}" is used by ${p.count} villages of the commune (${p.names}), so it is not clear which one to write to: change the code of one village in the village list, then import again`,
  'sheet.unknownCode': (p: Shown) => `village code "${p.value}" is not in the commune; to add a village, add a "${L('villageName')}" column`,
  'sheet.twoRows': (p: Shown) => `village "${p.value}" is on another row of the sheet too: one row per village`,
  'sheet.againstSaved': ' (against the figure already saved)',
};
