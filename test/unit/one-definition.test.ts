// "Done when" of issue 13, read from the source: an entity is named by its string in its registry
// entry and its screens only (everything else says ENTITY.x or takes the name from the registry);
// every screen assesses through the one assessment service (src/ui/assessment.ts); nothing under
// src/ imports server/. A scan, so a new straggler fails here with its file and line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITY, ENTITY_NAMES } from '../../src/domain/entities/index.ts';
import { ROOT, codeLines as code, rel, sources } from './source-files.ts';
const SRC = sources(join(ROOT, 'src'));
const ALL = [...SRC, ...sources(join(ROOT, 'server'))];

/** Where a string names an entity: an op's `entity`, or the entity argument of the codecs, schemas, stores and access checks. */
function entityPosition(name: string): RegExp {
  const calls = [
    'write', 'entityState', 'tableOf', 'dexieKey', 'entityDef', 'storeOf', 'keyOfRow', 'parseKey', 'applyFieldsToRow', 'fieldsOfRow',
    'currentFields', 'isNumericEntity', 'validateOpFields', 'opFieldsSchema', 'numericFieldsSchema', 'numericFieldEntries', 'fastFieldsOf', 'chainsOf', 'fieldLabel',
  ].join('|');
  return new RegExp(`(entity\\s*(:|===|!==)\\s*|\\b(${calls})\\(\\s*|\\b(readOnlyReason|writeRefusal|readRefusal)\\([^,]+,\\s*)['"\`]${name}['"\`]`);
}

describe('an entity is named in a few files only', () => {
  it('the scan sees the registry entries name their entity', () => {
    for (const name of ENTITY_NAMES) {
      expect(SRC.some((p) => rel(p).startsWith('src/domain/entities/') && readFileSync(p, 'utf8').includes(`name: '${name}'`)), name).toBe(true);
    }
    expect(ENTITY.villageCounts).toBe('villageCounts');
  });

  it.each(ENTITY_NAMES)('%s: by its registry entry and at most three of its screens, nowhere else', (name) => {
    const re = entityPosition(name);
    const files = ALL.filter((p) => !rel(p).startsWith('src/domain/entities/') && code(p).some((l) => re.test(l))).map(rel);
    expect(files.filter((f) => !f.startsWith('src/ui/'))).toEqual([]);
    expect(files.length).toBeLessThanOrEqual(3);
  });
});

describe('one assessment for every screen', () => {
  it('only src/ui/assessment.ts builds the input and assesses it', () => {
    const ui = SRC.filter((p) => rel(p).startsWith('src/ui/') && rel(p) !== 'src/ui/assessment.ts');
    const offenders = ui.flatMap((p) => code(p).flatMap((l, i) => (/\bbuildAssessInput\b|readiness\/assess\.ts|\bassess\(/.test(l) ? [`${rel(p)}:${i + 1}: ${l.trim()}`] : [])));
    expect(offenders).toEqual([]);
    expect(readFileSync(join(ROOT, 'src/ui/assessment.ts'), 'utf8')).toMatch(/export async function loadAssessment/);
  });

  it('the screens that show a judgement load it from there', () => {
    for (const f of ['src/ui/dashboard/index.tsx', 'src/ui/screens/readiness.tsx', 'src/ui/screens/criteria.tsx', 'src/ui/dossier/index.tsx', 'src/ui/excel/downloads.ts']) {
      expect(readFileSync(join(ROOT, f), 'utf8'), f).toMatch(/import \{[^}]*\bloadAssessment\b[^}]*\} from '\.\.\/assessment\.ts'/);
    }
  });
});

describe('layers', () => {
  it('nothing under src/ imports server/', () => {
    const offenders = SRC.flatMap((p) => code(p).flatMap((l, i) => (/from\s+['"](\.\.\/)+server\//.test(l) || /import\(\s*['"](\.\.\/)+server\//.test(l) ? [`${rel(p)}:${i + 1}`] : [])));
    expect(offenders).toEqual([]);
  });
});
