// Builders of readiness inputs for the engine tests: a commune that meets every level-1 indicator,
// and small edits of it. Test data only.

import type { AssessInput, VillageInput } from '../../src/domain/assess-types.ts';

/** Four villages; Σ households 1000, Σ recognised 800 (80 %), lineages 40/50, villages 3/4, units 9/10. */
export function villages(): VillageInput[] {
  return [
    { code: 'T01', name: 'Làng Mạ', households: 400, familiesRegistered: 360, familiesRecognized: 320, lineages: 20, lineagesRegistered: 18, lineagesRecognized: 16, citizens: 1200, citizensRecognized: 480, villageRecognized: true },
    { code: 'T02', name: 'Gò Ra', households: 300, familiesRegistered: 260, familiesRecognized: 240, lineages: 15, lineagesRegistered: 13, lineagesRecognized: 12, citizens: 900, citizensRecognized: 300, villageRecognized: true },
    { code: 'T03', name: 'Nước Lầy', households: 200, familiesRegistered: 180, familiesRecognized: 160, lineages: 10, lineagesRegistered: 9, lineagesRecognized: 8, citizens: 600, citizensRecognized: 200, villageRecognized: true },
    { code: 'T04', name: 'Bản Mới', households: 100, familiesRegistered: 90, familiesRecognized: 80, lineages: 5, lineagesRegistered: 5, lineagesRecognized: 4, citizens: 300, citizensRecognized: 100, villageRecognized: false },
  ];
}

export const YES_NO_IDS = ['TC1.1', 'TC1.2', 'TC1.3', 'TC2.1', 'TC2.2', 'TC2.3', 'TC3.1', 'TC3.2', 'TC3.3'] as const;

/** A commune meeting every level-1 indicator, no thresholds set for level 2, no history. */
export function baseInput(): AssessInput {
  return {
    catalog: 'tt25-2023',
    year: 2025,
    commune: { code: '99001', name: 'Xã Thử Nghiệm', province: 'Quảng Ngãi' },
    villages: villages(),
    figures: { units: 10, unitsRecognized: 9, pcgdPreschool5: true, pcgdPrimary: 1, pcgdLowerSecondary: 1, literacy: 1 },
    answers: Object.fromEntries(YES_NO_IDS.map((id) => [id, { met: true }])),
  };
}

/** One village holding the whole commune's numbers for the ratio under test. */
export function oneVillage(fields: Partial<VillageInput>): VillageInput[] {
  return [{ code: 'T01', households: 1000, familiesRegistered: 1000, familiesRecognized: 1000, lineages: 100, lineagesRegistered: 100, lineagesRecognized: 100, citizens: 100, citizensRecognized: 40, villageRecognized: true, ...fields }];
}

/** Level-2 thresholds for every non-yes/no indicator (a province profile). */
export const LEVEL2_THRESHOLDS = {
  'TC4.1': { 2: { pcgdPrimary: 2, pcgdLowerSecondary: 2 } },
  'TC4.2': { 2: { literacy: 2 } },
  'TC5.1': { 2: 75 },
  'TC5.2': { 2: 70 },
  'TC5.3': { 2: 70 },
  'TC5.4': { 2: 85 },
};
