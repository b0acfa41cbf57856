// The app's own write path enforces the server's text rules (issue 12.6) with the same schemas:
// caps on names and notes, no control characters, not blank after Unicode trimming, NFC stored.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepo, openDatabase, ValidationError, type Repo } from '../../src/db/index.ts';
import { MAX_NAME_LENGTH, MAX_NOTE_LENGTH } from '../../src/domain/schemas/index.ts';

let repo: Repo;
let n = 0;
beforeEach(async () => {
  repo = createRepo(openDatabase(`db-text-${++n}`));
  await repo.saveCommune({ code: 'X1', name: 'Xã Một' });
});
afterEach(() => repo.db.close());

async function refused(save: () => Promise<unknown>, field: string, reason: RegExp): Promise<void> {
  const before = await repo.db.outbox.count();
  const err = await save().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ValidationError);
  expect(JSON.stringify((err as ValidationError).fields)).toMatch(field);
  expect(Object.values((err as ValidationError).fields).join(' ')).toMatch(reason);
  expect(await repo.db.outbox.count()).toBe(before);
}

describe('text rules on the phone', () => {
  it('refuses names over 200 characters, notes over 5 000, control characters and blank names', async () => {
    await refused(() => repo.saveVillage('X1', { code: 'T01', name: 'x'.repeat(MAX_NAME_LENGTH + 1) }), 'name', /quá dài/);
    await refused(() => repo.saveVillage('X1', { code: 'T01', name: 'Thôn\u0007Một' }), 'name', /ký tự điều khiển/);
    await refused(() => repo.saveVillage('X1', { code: 'T01', name: '\u200B\u3000' }), 'name', /trống/);
    await refused(() => repo.saveAnswer('X1', 2025, 'TC3.2', { note: 'n'.repeat(MAX_NOTE_LENGTH + 1) }), 'note', /quá dài/);
    await refused(() => repo.saveAnswer('X1', 2025, 'TC3.2', { evidence: [{ title: 't'.repeat(MAX_NAME_LENGTH + 1) }] }), 'evidence', /quá dài/);
    expect(await repo.listVillages('X1')).toEqual([]);
  });

  it('stores and sends the NFC form of what was typed', async () => {
    await repo.saveVillage('X1', { code: 'T01', name: 'Thôn Mới'.normalize('NFD') });
    expect((await repo.listVillages('X1'))[0]!.name).toBe('Thôn Mới'.normalize('NFC'));
    const sent = (await repo.db.outbox.toArray()).at(-1)!.op;
    expect(sent.fields.name).toBe('Thôn Mới'.normalize('NFC'));
    await repo.saveAnswer('X1', 2025, 'TC3.2', { note: `Dòng một\nDòng hai\t${'n'.repeat(100)}` });
    expect((await repo.getAnswers('X1', 2025))[0]!.note).toContain('\n');
  });
});
