// Thiết lập của tỉnh for a year — since July 2025 no text says who receives and decides, so the
// province sets it (review-process.md): the receiving body and its address line, the deciding
// office with its signer's title, the deadlines (defaults 28/02 and 31/03 of the year after), the
// guidance letter of the year, other grounds of the decision, and which communes are in a
// difficult area. Set by the province's reviewer, synced to its communes. Shapes are the papers'
// (ProvinceSettings, Office).
import { dayOfYear, defineEntity, name, note } from './define.ts';

export const provinceSettings = defineEntity({
  name: 'provinceSettings',
  label: { vi: 'Thiết lập của tỉnh', en: 'Province settings' },
  key: 'provinceYear',
  scope: 'province',
  writers: ['reviewer'],
  fields: {
    place: name('place'),
    receiver: { kind: 'office', clearable: true, label: 'receiver' },
    receiverAddress: note('receiverAddress'),
    decider: { kind: 'office', clearable: true, label: 'decider' },
    dossierDeadline: dayOfYear('dossierDeadline'),
    decisionDeadline: dayOfYear('decisionDeadline'),
    guidanceLetter: note('guidanceLetter'),
    decisionBasis: note('decisionBasis'),
    difficultAreas: { kind: 'codes', clearable: true, label: 'difficultAreas' },
  },
  table: { name: 'provinceSettings', keyProps: ['province', 'year'], indexes: ['province'] },
});
