// Quyết định công nhận — an earlier recognition of the commune (level, date, number): the history
// the 12-month and 3-year rules read. Only the commune officer records one. One typed by mistake
// is removed (`archived`): it stays in the log, and the history leaves it out
// (src/domain/readiness/live-decisions.ts).
import { defineEntity, flag, kept, name } from './define.ts';

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
    archived: flag('archived'),
  },
  table: { name: 'decisions', keyProps: ['commune', 'id'], indexes: ['commune'] },
});
