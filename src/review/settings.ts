// The province settings as the reviewer types them (issue #14, item 7) turned into the offices
// the receiver's papers print: a Sở under the province's People's Committee gets its parent line
// and its short header name, a People's Committee signs "TM. Ủy ban nhân dân", and each office
// gets the abbreviation its document numbers carry (Sở Giáo dục và Đào tạo → SGDĐT). Pure.
import type { Office, ProvinceSettings } from './papers/types.ts';

/** What the settings screen holds (the synced province settings). */
export interface SettingsForm {
  receiverName: string;
  receiverAddress: string;
  deciderName: string;
  signerTitle: string;
  /** 'MM-DD' of the year after the assessment year. */
  dossierDeadline: string;
  decisionDeadline: string;
  guidanceLetter: string;
  /** Codes of the communes in a difficult area. */
  difficultAreas: string[];
}

const SO = /^(Sở\s+.+?)\s+(tỉnh|thành phố)\s+(.+)$/iu;
const UBND = /^Ủy ban nhân dân\b/iu;
const SMALL = new Set(['và', 'của']);

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

/** The settings the receiver's papers read. */
export function provinceSettingsOf(province: string, f: SettingsForm): ProvinceSettings {
  return {
    province,
    receiver: officeOf(f.receiverName, 'Giám đốc'),
    receiverAddress: f.receiverAddress.trim() || undefined,
    decider: officeOf(f.deciderName, f.signerTitle.trim() || 'Chủ tịch'),
    guidanceLetter: f.guidanceLetter.trim() || undefined,
  };
}
