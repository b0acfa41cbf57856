// Ý kiến thẩm định — the council's verdict on one indicator of one version of a commune's dossier
// (đạt / không đạt / cần bổ sung) and its comment, which the commune's phones show beside the
// indicator. Written by the province's reviewer only; keyed by any indicator of the catalog.
import { VERDICTS } from '../review/codes.ts';
import { choice, defineEntity, note } from './define.ts';

export const review = defineEntity({
  name: 'review',
  label: { vi: 'Ý kiến thẩm định', en: 'Review verdict' },
  key: 'review',
  indicators: 'all',
  scope: 'commune',
  writers: ['reviewer'],
  fields: {
    verdict: choice(VERDICTS, 'verdict'),
    comment: note('comment'),
  },
  table: { name: 'reviews', keyProps: ['commune', 'year', 'version', 'indicator'], indexes: ['[commune+year]', 'commune'] },
});
