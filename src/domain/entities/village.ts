// Thôn — a village of a commune: its name, its place in the list, whether it is archived. Villages
// are not per year, so they carry over to a new year; their counts live in village-counts.ts.
import { count, defineEntity, flag, kept } from './define.ts';

export const village = defineEntity({
  name: 'village',
  label: { vi: 'Thôn', en: 'Village' },
  key: 'village',
  scope: 'village',
  writers: ['collector', 'officer'],
  fields: {
    name: kept('requiredName', 'villageName'),
    order: count('order'),
    archived: flag('archived'),
  },
  table: { name: 'villages', keyProps: ['commune', 'code'], indexes: ['commune'] },
});
