// FIRST-LOAD (loaders only). The catalog's parts and how the page loads them: the shell's
// Vietnamese is in the first load, the screens' words come with the first screen (English only
// once chosen); a screen with words of its own (dashboard, dossier, spreadsheets, the province's review) imports its part
// in both locales and registers it (addWords), so they ride in its chunk. The parts that speak for
// a module rather than a screen (pb, sync, data, sheet, api, cli) are imported by their module's
// speaker (problems.ts, refusals.ts, sync.ts, data.ts, sheet.ts, cli.ts) and never loaded here.
// A new screen part: a file in vi/ and en/, its type in Code below.
import type { Lang } from './lang.ts';
import type { Table } from './words.ts';
import type { words as shell } from './vi/shell.ts';
import type { words as screens } from './vi/screens.ts';
import type { words as dash } from './vi/dashboard.ts';
import type { words as dossier } from './vi/dossier.ts';
import type { words as excel } from './vi/excel.ts';
import type { words as review } from './vi/review.ts';
import type { words as province } from './vi/province.ts';
import type { words as attach } from './vi/attach.ts';

type Load = () => Promise<{ words: Table }>;

/** Every part of the catalog, with its loaders; vi `shell` is in the first load already. */
export const PARTS = {
  shell: { vi: null, en: () => import('./en/shell.ts') },
  screens: { vi: () => import('./vi/screens.ts'), en: () => import('./en/screens.ts') },
} satisfies Record<string, Record<Lang, Load | null>>;

export type Part = keyof typeof PARTS;

/** Every code of the catalog, across its parts. */
export type Code = keyof typeof shell | keyof typeof screens | keyof typeof dash | keyof typeof dossier | keyof typeof excel | keyof typeof review | keyof typeof province | keyof typeof attach;
