// Xã — one commune: its stable id (the key; a commune recorded before stable ids keeps its code as
// its id), its administrative code (Mã xã) and name as ordinary fields with history — the 2025
// merger changed codes, and a code change is an edit like any other — its province and the
// receiving side's settings (since July 2025 each province sets where dossiers go and by when).
// Only the commune officer changes it.
import { code, dayOfYear, defineEntity, kept, name } from './define.ts';

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
    /** Mã xã, the administrative code (the id stays when it changes). */
    code: code('communeCode'),
  },
  table: { name: 'communes', keyProps: ['id'], indexes: ['code'], keyDefaults: { code: 'id' } },
});
