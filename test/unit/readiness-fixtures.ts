// Builders of readiness inputs for the engine tests: a commune that meets every level-1 indicator
// (and not level 2), one that meets level 2, and one village holding a whole commune's figures.
// Test data only; the figures are the circular's (issue #11), not the old programme ratios.

import type { AssessInput, VillageInput } from '../../src/domain/assess-types.ts';

/**
 * Four villages; Σ citizens 3000: 2000 recognised "Công dân học tập" (66,7 %), 1700 trained
 * (56,7 %), 400 with a degree (13,3 %) — level 1, not level 2.
 */
export function villages(): VillageInput[] {
  return [
    { code: 'T01', name: 'Làng Mạ', households: 400, familiesRegistered: 360, familiesRecognized: 320, lineages: 20, lineagesRegistered: 18, lineagesRecognized: 16, citizens: 1200, citizensRecognized: 800, trained: 700, university: 160, villageRecognized: true },
    { code: 'T02', name: 'Gò Ra', households: 300, familiesRegistered: 260, familiesRecognized: 240, lineages: 15, lineagesRegistered: 13, lineagesRecognized: 12, citizens: 900, citizensRecognized: 600, trained: 500, university: 120, villageRecognized: true },
    { code: 'T03', name: 'Nước Lầy', households: 200, familiesRegistered: 180, familiesRecognized: 160, lineages: 10, lineagesRegistered: 9, lineagesRecognized: 8, citizens: 600, citizensRecognized: 400, trained: 340, university: 80, villageRecognized: true },
    { code: 'T04', name: 'Bản Mới', households: 100, familiesRegistered: 90, familiesRecognized: 80, lineages: 5, lineagesRegistered: 5, lineagesRecognized: 4, citizens: 300, citizensRecognized: 200, trained: 160, university: 40, villageRecognized: false },
  ];
}

export const YES_NO_IDS = ['TC1.1', 'TC1.2', 'TC1.3', 'TC2.1', 'TC2.2', 'TC2.3', 'TC3.1', 'TC3.2', 'TC3.3'] as const;

/** A commune meeting every level-1 indicator and not level 2 (TC4 at mức độ 2, TC5 under level 2), no history. */
export function baseInput(): AssessInput {
  return {
    catalog: 'tt25-2023',
    year: 2025,
    commune: { code: '99001', name: 'Xã Thử Nghiệm', province: 'Quảng Ngãi' },
    villages: villages(),
    figures: { units: 10, unitsRecognized: 9, pcgdPreschool5: true, pcgdPrimary: 2, pcgdLowerSecondary: 2, literacy: 1 },
    answers: Object.fromEntries(YES_NO_IDS.map((id) => [id, { met: true }])),
  };
}

/** The base commune raised to level 2: mức độ 3 / 3 / 2, and 83 % / 63 % / 16 % of its citizens. */
export function level2Input(): AssessInput {
  const input = baseInput();
  input.figures = { ...input.figures, pcgdPrimary: 3, pcgdLowerSecondary: 3, literacy: 2 };
  input.villages = input.villages.map((v) => ({
    ...v,
    citizensRecognized: Math.ceil((v.citizens as number) * 0.84),
    trained: Math.ceil((v.citizens as number) * 0.64),
    university: Math.ceil((v.citizens as number) * 0.16),
  }));
  return input;
}

/** One village holding the whole commune's figures for the indicator under test. */
export function oneVillage(fields: Partial<VillageInput>): VillageInput[] {
  return [{
    code: 'T01', households: 100, familiesRegistered: 100, familiesRecognized: 80, lineages: 10, lineagesRegistered: 10, lineagesRecognized: 8,
    citizens: 1000, citizensRecognized: 900, trained: 700, university: 200, villageRecognized: true, ...fields,
  }];
}
