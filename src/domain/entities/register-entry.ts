// Sổ công nhận — the register's entry of a commune's dossier of a year once decided: recognised at
// a level by a decision (number, date, signer; the title valid until 31/12 of the decision's year
// + 3, Điều 5.4) or not recognised, with the reasons (Điều 9.2); the council's remarks and the
// numbers of its Biên bản thẩm định and of the written answer. Shapes are the papers' (RegisterEntry,
// Conclusion). Only the province's reviewer writes it; it feeds the commune's history, so the
// 12-month and 3-year rules apply without anyone typing a decision.
import { OUTCOMES } from '../review/codes.ts';
import { choice, date, defineEntity, name, note, paperRef } from './define.ts';

export const registerEntry = defineEntity({
  name: 'registerEntry',
  label: { vi: 'Sổ công nhận', en: 'Recognition register' },
  recordLabel: { vi: 'Mục của sổ công nhận', en: 'Register entry' },
  key: 'year',
  scope: 'commune',
  writers: ['reviewer'],
  fields: {
    outcome: choice(OUTCOMES, 'outcome'),
    level: { kind: 'levelNo', clearable: true, label: 'level' },
    number: name('decisionNumber'),
    date: date('decidedOn'),
    signer: name('signer'),
    validUntil: date('validUntil'),
    reasons: note('reasons'),
    note: note('councilNote'),
    minutes: paperRef('minutesRef'),
    answer: paperRef('answerRef'),
  },
  rules: [{ kind: 'register' }],
  table: { name: 'register', keyProps: ['commune', 'year'], indexes: ['commune'] },
});
