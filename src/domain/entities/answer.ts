// Câu trả lời cho một chỉ tiêu dạng có/không, keyed by the indicator: Đạt / Chưa đạt, a note, an
// amount where the indicator carries one (TC2.1, TC2.2), the evidence cited. A locked year takes
// no edit of them.
import { count, defineEntity, evidence, kept, note } from './define.ts';

export const answer = defineEntity({
  name: 'answer',
  label: { vi: 'Câu trả lời', en: 'Answer' },
  key: 'answer',
  scope: 'commune',
  writers: ['collector', 'officer'],
  yearLock: 'frozen',
  fields: {
    met: kept('met'),
    note: note(),
    amount: count('amount'),
    evidence: evidence(),
  },
  rules: [{ kind: 'indicatorAnswer' }],
  table: { name: 'answers', keyProps: ['commune', 'year', 'indicator'], indexes: ['[commune+year]', 'commune'], defaults: { met: null, evidence: [] } },
});
