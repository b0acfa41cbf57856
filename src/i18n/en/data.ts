// The part `data` in English: the same codes as vi/data.ts, the compiler checks that none is missing.
import type { Mirror } from '../words.ts';
import type { words as vi } from '../vi/data.ts';

const CODE_OF = { commune: 'The commune code', village: 'The village code', decision: 'The decision id' } as const;
type Where = { table: string; row: number };

export const words: Mirror<typeof vi> = {
  'data.badKey': 'Key "{key}" is not valid.',
  'data.year': 'The assessment year must be a whole number from {min} to {max}.',
  'data.code': (p: { of: keyof typeof CODE_OF }) => `${CODE_OF[p.of]} may hold only plain letters, digits, dots, dashes or underscores (at most 32).`,
  'data.communeName': 'The commune name must not be empty.',
  'data.villageName': 'The village name must not be empty.',
  'data.level': 'The level is 1 or 2.',
  'data.decidedOn': 'The decision date is not valid (write year-month-day).',
  'data.decisionInRegister': "The province's register records the decision of {year}; type here only decisions of years the register does not hold.",
  'data.yearLocked': 'Year {year} is locked. Reopen the year (with the reason) before changing its data.',
  'data.lockFields': 'Use "Lock the dossier" / "Reopen" to change the lock.',
  'data.meetingDate': 'The meeting date is not valid (write year-month-day).',
  'data.minutesRef': 'Write the number of the meeting minutes.',
  'data.reopenReason': 'Write the reason for reopening.',

  'data.fileNotJson': 'The file cannot be read: it is damaged or was not exported from Xã Học Tập.',
  'data.fileNotOurs': 'This is not an "Export data" file of the Xã Học Tập app.',
  'data.fileNotExport': 'This file cannot be read: it was not exported from Xã Học Tập.',
  'data.fileNewer': 'The file was made by a newer version of the app (format {version}). Update the app, then import again.',
  'data.fileNoTables': 'The file is damaged: its data is missing.',
  'data.tableNotList': 'Table {table} is not a list.',
  'data.rowNotRecord': (p: Where) => `Table ${p.table}, row ${p.row}: not a record.`,
  'data.rowBadKey': (p: Where & { key: string }) => `Table ${p.table}, row ${p.row}: key "${p.key}" is not valid.`,
  'data.rowProblem': (p: Where & { key: string; field?: string; problem: string }) =>
    `Table ${p.table}, row ${p.row} (${p.key}): ${p.field !== undefined ? `${p.field} — ` : ''}${p.problem}`,
  'data.rowInvalid': (p: Where) => `Table ${p.table}, row ${p.row}: not valid.`,
  'data.stampField': (p: Where & { field: string }) => `Table ${p.table}, row ${p.row}: field ${p.field} is not valid.`,
  'data.stampOfField': (p: Where & { field: string }) => `Table ${p.table}, row ${p.row}: the stamp of field ${p.field} is not valid.`,
  'data.outboxState': 'Send queue, row {row}: the state is not valid.',
  'data.outboxProblem': 'Send queue, row {row}: {path} — {problem}',
  'data.fileMismatch': "The file disagrees with this phone's data, so nothing was imported: table {table} ({key}) — {reasons}",
  'data.fileRefused': (p: { count: number; first: string }) =>
    `The file has ${p.count >= 20 ? 'many' : p.count} errors, so nothing was imported: ${p.first}`,

  'data.importLocked': 'The {year} dossier is locked, so nothing can be imported. Reopen the year (with the reason) first.',
  'data.importStale': 'The data on this phone changed since the preview (a sync may have run), so nothing was imported. Look again, then confirm once more.',

  'data.storageFull': 'The phone is full; the file was not saved, the data already there is intact.',
  'data.attachTarget': 'An evidence file must belong to exactly one indicator or one decision.',
  'data.backupDamaged': (p: { why: 'zip' | 'part' | 'partUnreadable' | 'dataHash' | 'noList' | 'badList' | 'noFile' | 'fileHash'; name?: string; file?: string }) =>
    `The backup file is damaged, so nothing was imported: ${{
      zip: 'the zip cannot be opened.',
      part: `part ${p.name ?? ''} is missing.`,
      partUnreadable: `part ${p.name ?? ''} cannot be read.`,
      dataHash: 'the data does not match its check code.',
      noList: 'the list of evidence files is missing.',
      badList: 'the list of evidence files is not valid.',
      noFile: `evidence file ${p.file ?? ''}… is missing.`,
      fileHash: `evidence file ${p.file ?? ''}… does not match its hash.`,
    }[p.why]}`,
};
