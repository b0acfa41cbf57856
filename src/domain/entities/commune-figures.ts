// Số liệu chung của xã theo năm — units, the universal-education and literacy standards, the
// difficult-area flag. A locked year takes no edit of them.
import { count, defineEntity, flag, level } from './define.ts';

/** Highest level of each standard figure (glossary: 0–3, 0–3, 0–2). */
export const FIGURE_LEVEL_MAX = { pcgdPrimary: 3, pcgdLowerSecondary: 3, literacy: 2 } as const;

export const communeFigures = defineEntity({
  name: 'communeFigures',
  label: { vi: 'Số liệu chung của xã', en: 'Commune figures' },
  key: 'year',
  scope: 'commune',
  writers: ['collector', 'officer'],
  yearLock: 'frozen',
  fields: {
    units: count(),
    unitsRecognized: count(),
    pcgdPreschool5: flag(),
    pcgdPrimary: level(FIGURE_LEVEL_MAX.pcgdPrimary),
    pcgdLowerSecondary: level(FIGURE_LEVEL_MAX.pcgdLowerSecondary),
    literacy: level(FIGURE_LEVEL_MAX.literacy),
    difficultArea: flag(),
  },
  rules: [{ kind: 'chains', chains: [['units', 'unitsRecognized']] }],
  table: { name: 'communeFigures', keyProps: ['commune', 'year'], indexes: ['commune'] },
});
