// The part `cli` in English: the same codes as vi/cli.ts, the compiler checks that none is missing.
import type { Mirror } from '../words.ts';
import type { words as vi } from '../vi/cli.ts';

export const words: Mirror<typeof vi> = {
  'cli.adminUsage': `usage: npm run admin -- <command> [options]   (--db FILE or DB_PATH=FILE)

  create-commune --code 21085 --name "Xã Ba Tô" --province "Quảng Ngãi" \\
                 --village "T01=Thôn Làng Mạ" --village "T02=Thôn Gò Ra" …
  issue-code     --province "Quảng Ngãi" --role reviewer --name "Recipient"
                 (one code for every commune of the province, those added later too)
  issue-code     --commune 21085 --role collector|officer|chair|reviewer --name "Recipient" \\
                 [--villages T01,T02]      (collectors only)
                 [--days 30]               (days the code stays valid)
  list-codes     [--commune 21085]
  revoke-token   --id <id from list-codes>   (revokes the code and the device that used it)
  import-villages --commune 21085 --year 2025 <file.xlsx | file.csv>
                 (applies a clean villages' sheet as ordinary ops; check it first with
                  npm run import -- <file> --dry-run)
`,
  'cli.missingOption': 'missing --{option}',
  'cli.unknownCommand': 'unknown command',
  'cli.badCommuneCode': 'not a valid commune code: {code}',
  'cli.badVillageOption': '--village must read CODE=Name: {value}',
  'cli.duplicateVillage': 'duplicate village code',
  'cli.communeExists': 'commune {code} exists',
  'cli.communeCreated': 'Commune {code} created with {villages} villages.',
  'cli.badRole': 'The role must be one of: {roles}',
  'cli.badDays': '--days must be 1–366',
  'cli.codeIssued': 'enrolment code',
  'cli.provinceOrCommune': '--province or --commune, not both',
  'cli.provinceReviewerOnly': 'a province code is for reviewers only (--role reviewer)',
  'cli.provinceEmpty': 'note: no commune of "{province}" yet; the code also serves communes added later',
  'cli.validUntil': 'valid until',
  'cli.oneSheet': 'one sheet file is needed',
  'cli.cannotRead': 'cannot read "{path}"',
  'cli.nothingImported': 'nothing imported, {count} problem(s)',
  'cli.nothingToChange': 'nothing to change',
  'cli.imported': 'imported {ops} op(s)',
  'cli.noExpiry': 'no expiry',
  'cli.expired': 'expired',
  'cli.expires': 'expires',
  'cli.revoked': 'revoked',
  'cli.used': 'used',
  'cli.unused': 'unused',
  'cli.noCodes': 'no codes',
  'cli.noSuchId': 'no such id',
  'cli.tokenRevoked': 'Revoked {id}: the device that used this code must enrol again.',
  'cli.validDays': 'validity must be 1 to 366 days',
  'cli.noCommune': 'no commune with code "{commune}"',
  'cli.villagesCollectorOnly': 'only collectors can be limited to villages',
  'cli.unknownVillages': 'unknown villages {villages}',
  'cli.emptyVillages': 'empty village list',
  'cli.importYear': 'The year must be from {min} to {max}',
  'cli.importNoCommune': 'There is no commune {commune} on the server',
  'cli.importLocked': 'The {year} dossier of commune {commune} is locked',

  'cli.running': 'running at',
  'cli.demoCreated': 'Demo commune created. Officer enrolment code (one-time):',
  'cli.codeValidUntil': 'valid until',
  'cli.issueNewCode': 'issue a new enrolment code',
  'cli.issueCodeExample': 'npm run admin -- issue-code --commune <commune code> --role officer --name "<full name>"',
  'cli.settingInteger': 'must be an integer {min}–{max}',
  'cli.notUrl': 'not a URL',
  'cli.onlyHttp': 'only http(s)',
  'cli.noSharedFolder': 'the shared folder does not exist (mount it first)',
  'cli.notAFolder': 'is not a folder',
  'cli.folderNotWritable': 'the server cannot write to the shared folder',
  'cli.onlyPostgres': 'only postgres:// URLs',

  'cli.usage': 'Usage',
  'cli.importDryRun': 'only checks, writes nothing',
  'cli.toWriteServer': 'to write to the server',
  'cli.fileNotFound': 'File not found: "{path}"',
  'cli.cannotReadFile': 'Cannot read "{path}"',
  'cli.importArgs': 'npm run import -- <file.xlsx | file.csv | -> --dry-run',
  'cli.assessArgs': 'npm run assess -- <file.json | ->',
  'cli.isFolder': '"{path}" is a folder, not a file',
};
