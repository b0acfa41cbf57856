// The review screens' parts of the catalog (src/i18n/vi|en/province.ts, and review.ts for the states, verdicts and roles), registered once by whichever
// of them loads first; it rides in their shared chunk, never in the first load.
import { words as en } from '../../i18n/en/province.ts';
import { words as reviewEn } from '../../i18n/en/review.ts';
import { words as vi } from '../../i18n/vi/province.ts';
import { words as reviewVi } from '../../i18n/vi/review.ts';
import type { DossierState } from '../../review/papers/types.ts';
import type { LevelNo } from '../../domain/assess-types.ts';
import { addWords, t } from '../i18n/index.ts';

addWords({ vi, en });
addWords({ vi: reviewVi, en: reviewEn });

export const stateText = (s: DossierState): string => t(`review.state.${s}`);
export const levelShort = (l: 0 | LevelNo | null): string => (l === null ? t('rv.none') : t(`rv.levelShort.${l}`));
