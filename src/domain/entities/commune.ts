// Xã — one commune: its name, province and the receiving side's settings (since July 2025 each
// province sets where dossiers go and by when). Only the commune officer changes it.
import { dayOfYear, defineEntity, kept, name } from './define.ts';

export const commune = defineEntity({
  name: 'commune',
  label: { vi: 'Xã', en: 'Commune' },
  key: 'commune',
  scope: 'commune',
  writers: ['officer'],
  fields: {
    name: kept('requiredName', 'communeName'),
    province: name('province'),
    recipient: name('recipient'),
    /** MM-DD of the year after; default 02-28. */
    dossierDeadline: dayOfYear('dossierDeadline'),
    /** MM-DD of the year after; default 03-31. */
    decisionDeadline: dayOfYear('decisionDeadline'),
  },
  table: { name: 'communes', keyProps: ['code'], indexes: [] },
});
