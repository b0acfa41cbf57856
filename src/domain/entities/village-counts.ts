// Số liệu mô hình học tập của một thôn theo năm — the glossary's village counts, with its "≤"
// chains. A locked year takes no edit of them.
import { count, defineEntity, flag } from './define.ts';

/** "A ≤ B" rules of the glossary: each count against the nearest present count above it. */
export const VILLAGE_COUNT_CHAINS = [
  ['households', 'familiesRegistered', 'familiesRecognized'],
  ['lineages', 'lineagesRegistered', 'lineagesRecognized'],
  ['citizens', 'citizensRecognized'],
  // "trong đó": people with a degree are among the trained (criteria-tt25-commune.md, TC5.2).
  ['citizens', 'trained', 'university'],
] as const;

export const villageCounts = defineEntity({
  name: 'villageCounts',
  label: { vi: 'Số liệu thôn', en: 'Village counts' },
  recordLabel: { vi: 'Số liệu của thôn', en: 'Village counts' },
  key: 'counts',
  scope: 'village',
  writers: ['collector', 'officer'],
  yearLock: 'frozen',
  fields: {
    households: count(),
    familiesRegistered: count(),
    familiesRecognized: count(),
    lineages: count(),
    lineagesRegistered: count(),
    lineagesRecognized: count(),
    citizens: count(),
    citizensRecognized: count(),
    trained: count(),
    university: count(),
    villageRecognized: flag(),
  },
  rules: [{ kind: 'chains', chains: VILLAGE_COUNT_CHAINS }],
  table: { name: 'villageCounts', keyProps: ['commune', 'year', 'village'], indexes: ['[commune+year]', 'commune'], stampedAt: 'updatedAt' },
});
