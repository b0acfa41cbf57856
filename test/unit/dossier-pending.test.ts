// The Hồ sơ screen's pending fields (src/ui/dossier/pending.ts) with real field savers: a print asks
// every field to store what was typed, waits for it, and learns what could not be stored.
import { describe, expect, it } from 'vitest';
import { createFieldSaver } from '../../src/ui/dossier/field-saver.ts';
import { createPendingFields, unsavedOf, type PendingField } from '../../src/ui/dossier/pending.ts';

/** A field as TextInput signs it in: its saver, and the value it shows. */
function field(save: (v: string) => Promise<void>) {
  const saver = createFieldSaver(save);
  let shown = '';
  const api: PendingField = { flush: () => saver.flush(), unsaved: () => (saver.unsaved() ? shown : null) };
  return { api, type: (v: string) => ((shown = v), saver.typed(v)) };
}

describe('pending fields of the dossier screen', () => {
  it('settle stores every typed value before it resolves, and leaves nothing unsaved', async () => {
    const stored: Record<string, string> = {};
    const slow = (key: string) => async (v: string) => {
      await new Promise((r) => setTimeout(r, 20));
      stored[key] = v;
    };
    const pending = createPendingFields();
    const a = field(slow('narrStrengths'));
    const b = field(slow('recipient'));
    pending.register('dossier:narrStrengths', a.api);
    pending.register('commune:recipient', b.api);
    a.type('Phong trào lan rộng.');
    b.type('Sở Giáo dục và Đào tạo');
    expect(await pending.settle()).toEqual({});
    expect(stored).toEqual({ narrStrengths: 'Phong trào lan rộng.', recipient: 'Sở Giáo dục và Đào tạo' });
  });

  it('a save that fails leaves its value unsaved, told by key, for the paper to carry', async () => {
    const pending = createPendingFields();
    const a = field(async () => {
      throw new Error('refused');
    });
    pending.register('dossier:narrProposals', a.api);
    a.type('Đề nghị tỉnh hỗ trợ.');
    const left = await pending.settle();
    expect(left).toEqual({ 'dossier:narrProposals': 'Đề nghị tỉnh hỗ trợ.' });
    expect(unsavedOf(left, 'dossier')).toEqual({ narrProposals: 'Đề nghị tỉnh hỗ trợ.' });
    expect(unsavedOf(left, 'commune')).toEqual({});
  });

  it('a field signed out (the screen left) is no longer asked; a newer sign-in under the key is kept', async () => {
    const pending = createPendingFields();
    const a = field(async () => undefined);
    const b = field(async () => undefined);
    const outA = pending.register('dossier:signerName', a.api);
    pending.register('dossier:signerName', b.api);
    outA();
    b.type('Lê Thị C');
    a.type('bỏ qua');
    expect(await pending.settle()).toEqual({});
    expect(a.api.unsaved()).toBe('bỏ qua');
  });
});
