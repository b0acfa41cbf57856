// The serif the papers print with: Tinos, metric-compatible with Times New Roman (same widths,
// so the same lines and pages), open licence (SIL OFL 1.1, @fontsource/tinos), in the Latin and
// Vietnamese subsets. Chromium embeds it in a saved PDF, so a phone without Times prints the same.
// Pure: the caller says where each file is served from (the print view imports them as assets).

/** The family the papers' CSS names first; "Times New Roman" only as a fallback. */
export const PRINT_FONT_FAMILY = 'Tinos';
export const PRINT_FONT_STACK = `"${PRINT_FONT_FAMILY}", "Times New Roman", "Liberation Serif", serif`;

const LATIN =
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const VIETNAMESE =
  'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB';

export interface FontFile {
  /** File name in @fontsource/tinos/files. */
  file: string;
  weight: 400 | 700;
  style: 'normal' | 'italic';
  range: string;
}

/** Regular, bold, italic and bold italic, each in two subsets. */
export const PRINT_FONT_FILES: readonly FontFile[] = (['latin', 'vietnamese'] as const).flatMap((subset) =>
  ([400, 700] as const).flatMap((weight) =>
    (['normal', 'italic'] as const).map((style) => ({
      file: `tinos-${subset}-${weight}-${style}.woff2`,
      weight,
      style,
      range: subset === 'latin' ? LATIN : VIETNAMESE,
    })),
  ),
);

/** @font-face rules of the print font; `url(file)` says where each file is served. */
export function fontFaceCss(url: (file: string) => string): string {
  return PRINT_FONT_FILES.map(
    (f) =>
      `@font-face{font-family:"${PRINT_FONT_FAMILY}";font-style:${f.style};font-weight:${f.weight};font-display:block;` +
      `src:url("${url(f.file)}") format("woff2");unicode-range:${f.range}}`,
  ).join('\n');
}
