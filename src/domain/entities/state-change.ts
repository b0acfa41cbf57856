// Chuyển trạng thái hồ sơ — one change of a dossier's state (src/domain/review/states.ts says which
// are allowed, to whom, on what): from, to, the version it concerns, when, by whom, from which
// device, why. Numbered from 1 per commune and year (key …/step) and written once, so every change
// is kept and two devices making the same step race: the second is refused.
import { DOSSIER_STATES } from '../review/codes.ts';
import { choice, defineEntity, kept, note } from './define.ts';

export const stateChange = defineEntity({
  name: 'stateChange',
  label: { vi: 'Chuyển trạng thái hồ sơ', en: 'Dossier state change' },
  key: 'step',
  scope: 'commune',
  writers: ['officer', 'chair', 'reviewer'],
  immutable: true,
  fields: {
    from: choice(DOSSIER_STATES, 'stateFrom', false),
    to: choice(DOSSIER_STATES, 'stateTo', false),
    version: kept('count', 'version'),
    at: kept('instant', 'changedAt'),
    by: kept('requiredName', 'changedBy'),
    device: kept('name', 'device'),
    reason: note('reason'),
  },
  rules: [{ kind: 'required', fields: ['from', 'to', 'version', 'at', 'by', 'device'] }],
  table: { name: 'stateChanges', keyProps: ['commune', 'year', 'step'], indexes: ['[commune+year]', 'commune'] },
});

