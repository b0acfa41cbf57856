// The words of the command lines (the part `cli`): the admin CLI, `npm start`, `npm run import`,
// `npm run assess`. Vietnamese first; a line for both says "vi / en" (both()).
import { words as en } from './en/cli.ts';
import { words as vi } from './vi/cli.ts';
import { speak, type Params } from './words.ts';

/** A code of the part `cli`. */
export type CliCode = keyof typeof vi;

/** The Vietnamese of a command line's message. */
export function cliText(code: CliCode, params?: Params): string {
  return speak(vi[code], code, params);
}

/** The English of a command line's message. */
export function cliTextEn(code: CliCode, params?: Params): string {
  return speak(en[code], code, params);
}

/** "vi / en": a line said in both locales. */
export function both(code: CliCode, params?: Params): string {
  return `${cliText(code, params)} / ${cliTextEn(code, params)}`;
}
