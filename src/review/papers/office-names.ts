// The province's offices as its papers name them, from the names a reviewer types (issue #14,
// item 7): a Sở under the province's People's Committee gets its parent line and its short header
// name, a People's Committee signs "TM. Ủy ban nhân dân", and each office gets the abbreviation
// its document numbers carry (Sở Giáo dục và Đào tạo → SGDĐT); the names and titles a province
// starts from. Pure wording of the papers (Vietnamese only, papers.md).
import type { Office } from './types.ts';

const SO = /^(Sở\s+.+?)\s+(tỉnh|thành phố)\s+(.+)$/iu;
const UBND = /^Ủy ban nhân dân\b/iu;
const SMALL = new Set(['và', 'của']);

/** The receiving body a province starts from (review-process.md: the Sở Giáo dục và Đào tạo). */
export const defaultReceiverName = (province: string): string => `Sở Giáo dục và Đào tạo tỉnh ${province}`;
/** The deciding office a province starts from (its People's Committee). */
export const defaultDeciderName = (province: string): string => `Ủy ban nhân dân tỉnh ${province}`;
/** The title of who signs for the deciding office, and for the receiving body. */
export const DEFAULT_DECIDER_TITLE = 'Chủ tịch';
export const RECEIVER_SIGNER_TITLE = 'Giám đốc';

/** The initials of a body's name: "Giáo dục và Đào tạo" → "GDĐT". */
export function initialsOf(name: string): string {
  return name
    .split(/\s+/u)
    .filter((w) => w && !SMALL.has(w.toLocaleLowerCase('vi')))
    .map((w) => w.charAt(0).toLocaleUpperCase('vi'))
    .join('');
}

/** The office of a body's name, with the title of the one who signs for it. */
export function officeOf(name: string, signerTitle: string): Office {
  const n = name.trim();
  if (UBND.test(n)) return { name: n, abbr: 'UBND', signerAuthority: 'TM. Ủy ban nhân dân', signerTitle };
  const so = SO.exec(n);
  if (so) {
    const own = so[1]!;
    return { name: n, headerName: own, parent: `Ủy ban nhân dân ${so[2]} ${so[3]}`, abbr: `S${initialsOf(own.replace(/^Sở\s+/u, ''))}`, signerTitle };
  }
  return { name: n, abbr: initialsOf(n), signerTitle };
}
