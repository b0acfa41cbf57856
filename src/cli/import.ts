// `npm run import -- <file.xlsx|file.csv> --dry-run`: reads a villages' sheet with the app's own
// import module and prints ONE JSON document on stdout: { rows, problems, unknownColumns }.
// Exit 2 when there is any problem (a refused file too: one problem with row and column null),
// 0 otherwise; 1 when the file cannot be opened or the command is wrong. Never writes anything:
// applying a sheet to the server is `npm run admin -- import-villages`.
import { pathToFileURL } from 'node:url';
import { isRefusal, readVillageFile, refusalJson, sheetJson } from '../import/index.ts';
import { readInputFile } from './read-file.ts';
import { both, cliText } from '../i18n/cli.ts';

const USAGE = `${both('cli.usage')}: ${cliText('cli.importArgs')}`;

/** Runs the CLI; returns the exit status. Writers are injectable for in-process use. */
export async function main(
  args: readonly string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  const files = args.filter((a) => a !== '--dry-run');
  if (files.length !== 1 || files[0]!.startsWith('--') || !args.includes('--dry-run')) {
    err(`${USAGE}\n(${both('cli.importDryRun')}; ${both('cli.toWriteServer')}: npm run admin -- import-villages)\n`);
    return 1;
  }
  const path = files[0]!;
  const file = readInputFile(path, err);
  if (!file) return 1;
  const bytes = new Uint8Array(file);
  try {
    const doc = sheetJson(await readVillageFile(bytes));
    out(`${JSON.stringify(doc, null, 2)}\n`);
    return doc.problems.length ? 2 : 0;
  } catch (e) {
    if (!isRefusal(e)) throw e;
    out(`${JSON.stringify(refusalJson(e), null, 2)}\n`);
    return 2;
  }
}

// Set exitCode rather than exit(), so a large output is flushed to a pipe before the process ends.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
