// `npm run assess -- file.json` (or `-` for stdin): prints the readiness output JSON on stdout.
// Bad input: exit 2, one "path: vi / en" line per problem on stderr, nothing on stdout.
// An unreadable file: exit 1. Never prints a partial result.

import { readInputFile } from './read-file.ts';
import { assess } from '../domain/readiness/assess.ts';
import { validateAssessInput } from '../domain/readiness/validate.ts';
import { notJsonProblem, type Problem } from '../domain/schemas/problems.ts';
import { problemText } from '../i18n/refusals.ts';
import { both, cliText } from '../i18n/cli.ts';

const USAGE = `${both('cli.usage')}: ${cliText('cli.assessArgs')}`;

function problemLine(p: Problem): string {
  return `${p.path}: ${problemText(p, 'vi')} / ${problemText(p, 'en')}`;
}

/** Runs the CLI; returns the exit status. Writers are injectable for in-process use. */
export function main(
  args: readonly string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): number {
  if (args.length !== 1 || !args[0]) {
    err(`${USAGE}\n`);
    return 1;
  }
  const arg = args[0];
  const file = readInputFile(arg, err);
  if (!file) return 1;
  const text = file.toString('utf8');
  let json: unknown;
  try {
    // Files saved by some Windows editors start with a byte-order mark.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    err(`${problemLine(notJsonProblem((e as Error).message))}\n`);
    return 2;
  }
  const checked = validateAssessInput(json);
  if (!checked.ok) {
    err(checked.problems.map(problemLine).join('\n') + '\n');
    return 2;
  }
  out(`${JSON.stringify(assess(checked.input), null, 2)}\n`);
  return 0;
}

// Set exitCode rather than exit(), so a large output is flushed to a pipe before the process ends.
if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/src/cli/assess.ts')) {
  process.exitCode = main(process.argv.slice(2));
}
