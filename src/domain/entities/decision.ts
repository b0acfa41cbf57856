// Quyết định công nhận — an earlier recognition of the commune (level, date, number): the history
// the 12-month and 3-year rules read. Only the commune officer records one.
import { defineEntity, kept, name } from './define.ts';

export const decision = defineEntity({
  name: 'decision',
  label: { vi: 'Quyết định công nhận', en: 'Recognition decision' },
  key: 'decision',
  scope: 'commune',
  writers: ['officer'],
  fields: {
    level: kept('levelNo', 'level'),
    decidedOn: kept('date', 'decidedOn'),
    number: name('decisionNumber'),
  },
  table: { name: 'decisions', keyProps: ['commune', 'id'], indexes: ['commune'] },
});
