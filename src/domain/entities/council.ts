// Hội đồng đánh giá, công nhận "Cộng đồng học tập" cấp xã of a province and year (Điều 9.2): its
// members (chủ tịch, thư ký, ủy viên, each with the body represented), how it appraised (a meeting
// and its date, or written opinions) and the decision establishing it. Shapes are those the
// receiver's papers read (src/review/papers/types.ts Council). A council may be saved while it is
// being made up; a decision is refused until it is lawful (src/domain/review/states.ts).
import { defineEntity, paperRef } from './define.ts';

export const council = defineEntity({
  name: 'council',
  label: { vi: 'Hội đồng đánh giá, công nhận', en: 'Assessment council' },
  key: 'provinceYear',
  scope: 'province',
  writers: ['reviewer'],
  fields: {
    members: { kind: 'members', clearable: true, label: 'councilMembers' },
    appraisal: { kind: 'appraisal', clearable: true },
    established: paperRef('councilEstablished'),
  },
  table: { name: 'councils', keyProps: ['province', 'year'], indexes: ['province'] },
});
