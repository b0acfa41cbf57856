// The print font's files as build assets (hashed, precached by the service worker like every
// asset, so printing works offline). Lazy with the "Hồ sơ" screen: the first load never fetches them.
import latin400 from '@fontsource/tinos/files/tinos-latin-400-normal.woff2?url';
import latin400i from '@fontsource/tinos/files/tinos-latin-400-italic.woff2?url';
import latin700 from '@fontsource/tinos/files/tinos-latin-700-normal.woff2?url';
import latin700i from '@fontsource/tinos/files/tinos-latin-700-italic.woff2?url';
import vi400 from '@fontsource/tinos/files/tinos-vietnamese-400-normal.woff2?url';
import vi400i from '@fontsource/tinos/files/tinos-vietnamese-400-italic.woff2?url';
import vi700 from '@fontsource/tinos/files/tinos-vietnamese-700-normal.woff2?url';
import vi700i from '@fontsource/tinos/files/tinos-vietnamese-700-italic.woff2?url';
import { fontFaceCss } from '../../dossier/fonts.ts';

const URLS: Record<string, string> = {
  'tinos-latin-400-normal.woff2': latin400,
  'tinos-latin-400-italic.woff2': latin400i,
  'tinos-latin-700-normal.woff2': latin700,
  'tinos-latin-700-italic.woff2': latin700i,
  'tinos-vietnamese-400-normal.woff2': vi400,
  'tinos-vietnamese-400-italic.woff2': vi400i,
  'tinos-vietnamese-700-normal.woff2': vi700,
  'tinos-vietnamese-700-italic.woff2': vi700i,
};

/** @font-face rules of the print font, pointing at the app's own copies. */
export const PRINT_FONT_CSS = fontFaceCss((file) => URLS[file] ?? file);
