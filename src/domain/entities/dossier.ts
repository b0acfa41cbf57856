// Hồ sơ năm — the year's dossier: its texts (open fields the dossier module names), the signer,
// the council meeting and the year lock it holds. Recording the meeting, locking and reopening are
// the officer's (src/domain/sync/year-lock.ts isLockAct).
import { defineEntity } from './define.ts';

export const dossier = defineEntity({
  name: 'dossier',
  label: { vi: 'Hồ sơ', en: 'Dossier' },
  key: 'year',
  scope: 'commune',
  writers: ['collector', 'officer'],
  yearLock: 'lock',
  fields: {},
  openFields: true,
  table: { name: 'dossiers', keyProps: ['commune', 'year'], indexes: ['commune'], jsonFields: ['reopenReasons'] },
});
