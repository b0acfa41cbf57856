// Thôn — a village: its stable id (the key, with the commune it was first recorded in; a village
// recorded before stable ids keeps its code as its id), its administrative code (Mã thôn), name,
// place in the list, whether it is archived, and the commune it belongs to now (`inCommune`): a
// village moved to another commune, or renumbered, is an ordinary edit, and nothing recorded under
// its id is rewritten. Villages are not per year; their counts live in village-counts.ts.
import { code, count, defineEntity, flag, kept } from './define.ts';

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
    /** Mã thôn, the administrative code (the id stays when it changes). */
    code: code('villageCode'),
    /** The id of the commune the village belongs to now. */
    inCommune: code('inCommune'),
  },
  table: { name: 'villages', keyProps: ['commune', 'id'], indexes: ['commune', 'inCommune'], keyDefaults: { code: 'id', inCommune: 'commune' } },
});
