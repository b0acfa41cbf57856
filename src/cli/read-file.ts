// Reading the file a CLI was given (or stdin for "-"), with the reason in Vietnamese and English
// when it cannot be read. Shared by `npm run assess` and `npm run import`.
import { readFileSync } from 'node:fs';
import { both } from '../i18n/cli.ts';

/** The bytes of `path` ("-" = stdin), or null after writing why not to `err`. */
export function readInputFile(path: string, err: (s: string) => void): Buffer | null {
  try {
    return readFileSync(path === '-' ? 0 : path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') err(`${both('cli.fileNotFound', { path })}\n`);
    else if (code === 'EISDIR') err(`${both('cli.isFolder', { path })}\n`);
    else err(`${both('cli.cannotReadFile', { path })}: ${(e as Error).message}\n`);
    return null;
  }
}
