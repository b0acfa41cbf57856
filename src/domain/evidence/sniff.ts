// What a file is, from its first bytes (never from its name or the type the picker claims: an
// Android picker often gives none). Pure; the phone and the server use the same answer.

/** The kinds of file told apart; only some are accepted (see src/evidence). */
export type SniffedKind = 'jpeg' | 'png' | 'webp' | 'gif' | 'bmp' | 'heic' | 'avif' | 'pdf' | 'unknown';

/** How many leading bytes `sniffKind` needs. */
export const SNIFF_BYTES = 16;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));

/** The kind of file whose first bytes are `head` (at least SNIFF_BYTES of them when the file has that many). */
export function sniffKind(head: Uint8Array): SniffedKind {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'webp';
  if (ascii(head, 0, 4) === 'GIF8') return 'gif';
  if (ascii(head, 0, 2) === 'BM' && head.length >= 14) return 'bmp';
  // %PDF- may follow a few bytes of junk; readers accept it within the first 1024 bytes, we ask
  // for it at the start (what scanners and office programs write).
  if (ascii(head, 0, 5) === '%PDF-') return 'pdf';
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    if (/^(avif|avis)$/.test(brand)) return 'avif';
    if (/^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(brand)) return 'heic';
  }
  return 'unknown';
}
