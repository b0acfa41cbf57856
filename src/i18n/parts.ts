// FIRST-LOAD (loaders only). The catalog's parts and how the page loads each one in each locale:
// a part comes with what shows it (the screens' words with the first screen, the dashboard's with
// the dashboard…), English only once chosen. The server and the CLI take every part at once
// (catalog.ts). A new part: a file in vi/ and en/, one line here and one in catalog.ts.
import type { Lang } from './lang.ts';
import type { Table } from './words.ts';
import type { words as shell } from './vi/shell.ts';
import type { words as screens } from './vi/screens.ts';
import type { words as dash } from './vi/dashboard.ts';
import type { words as dossier } from './vi/dossier.ts';
import type { words as excel } from './vi/excel.ts';

type Load = () => Promise<{ words: Table }>;

/** Every part of the catalog, with its loaders; vi `shell` is in the first load already. */
export const PARTS = {
  shell: { vi: null, en: () => import('./en/shell.ts') },
  screens: { vi: () => import('./vi/screens.ts'), en: () => import('./en/screens.ts') },
  dash: { vi: () => import('./vi/dashboard.ts'), en: () => import('./en/dashboard.ts') },
  dossier: { vi: () => import('./vi/dossier.ts'), en: () => import('./en/dossier.ts') },
  excel: { vi: () => import('./vi/excel.ts'), en: () => import('./en/excel.ts') },
} satisfies Record<string, Record<Lang, Load | null>>;

export type Part = keyof typeof PARTS;

/** Every code of the catalog, across its parts. */
export type Code = keyof typeof shell | keyof typeof screens | keyof typeof dash | keyof typeof dossier | keyof typeof excel;
