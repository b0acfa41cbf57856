// The words of the data layer's codes (the part `data`): the phone's refusals of a save, of a file
// of "Xuất dữ liệu", of a sheet's import. Lazy: src/db reaches it through its checks (validate.ts).
import { words as en } from './en/data.ts';
import type { Lang } from './lang.ts';
import { words as vi } from './vi/data.ts';
import { speak, type Params } from './words.ts';

/** A code of the part `data`. */
export type DataCode = keyof typeof vi;

const TABLES = { vi, en } as const;

/** The words of a data-layer code in `lang` (Vietnamese, as the data layer speaks). */
export function dataText(code: DataCode, params?: Params, lang: Lang = 'vi'): string {
  return speak(TABLES[lang][code], code, params);
}
