// The evidence part of the catalog (src/i18n/vi|en/attach.ts), registered once with whichever
// evidence module loads first (the panel, the Dữ liệu screen's line). Lazy.
import { words as en } from '../../i18n/en/attach.ts';
import { words as vi } from '../../i18n/vi/attach.ts';
import { addWords } from '../i18n/index.ts';

addWords({ vi, en });
