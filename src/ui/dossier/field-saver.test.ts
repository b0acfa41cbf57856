// The self-saving field's queue (src/ui/dossier/field-saver.ts) with saves the test settles by hand:
// overlapping flushes never let an older value land last, and a draft counts as unsaved until stored.
import { describe, expect, it } from 'vitest';
import { createFieldSaver } from './field-saver.ts';

/** A fake store whose saves resolve (or fail) only when the test says so, in any order. */
function slowStore() {
  const calls: { value: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  let value = '';
  let inFlight = 0;
  let maxInFlight = 0;
  const save = (v: string) =>
    new Promise<void>((resolve, reject) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      calls.push({
        value: v,
        resolve: () => {
          inFlight--;
          value = v;
          resolve();
        },
        reject: (e) => {
          inFlight--;
          reject(e);
        },
      });
    });
  return { save, calls, get value() { return value; }, get maxInFlight() { return maxInFlight; } };
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

describe('createFieldSaver', () => {
  it('a flush during a save waits for it, then writes the latest typed value', async () => {
    const store = slowStore();
    const f = createFieldSaver(store.save);
    f.known('');
    f.typed('0');
    const first = f.flush();
    await tick();
    f.typed('07'); // typed while "0" is being saved
    const second = f.flush();
    await tick();
    expect(store.calls.map((c) => c.value)).toEqual(['0']); // not two saves at once
    expect(f.unsaved()).toBe(true);
    store.calls[0]!.resolve();
    await first;
    await tick();
    expect(store.calls.map((c) => c.value)).toEqual(['0', '07']);
    store.calls[1]!.resolve();
    await second;
    expect(store.value).toBe('07');
    expect(store.maxInFlight).toBe(1);
    expect(f.unsaved()).toBe(false);
  });

  it('typing back the stored value while another is being saved still saves it', async () => {
    const store = slowStore();
    const f = createFieldSaver(store.save);
    f.known('A');
    f.typed('B');
    const first = f.flush();
    await tick(); // "B" is being saved
    f.typed('A');
    const second = f.flush();
    await tick();
    store.calls[0]!.resolve();
    await first;
    await tick();
    store.calls[1]!.resolve();
    await second;
    expect(store.calls.map((c) => c.value)).toEqual(['B', 'A']);
    expect(store.value).toBe('A');
  });

  it('an unchanged value is not saved again, and many flushes of one value save it once', async () => {
    const store = slowStore();
    const f = createFieldSaver(store.save);
    f.known('x');
    f.typed('x');
    await f.flush();
    expect(store.calls).toHaveLength(0);
    f.typed('y');
    const a = f.flush();
    const b = f.flush(); // blur right after the pause timer fired
    const c = f.flush(); // and the screen went away
    await tick();
    store.calls[0]!.resolve();
    await Promise.all([a, b, c]);
    expect(store.calls.map((k) => k.value)).toEqual(['y']);
  });

  it('a refused save keeps the value unsaved, and the next flush tries it again', async () => {
    const store = slowStore();
    const f = createFieldSaver(store.save);
    f.known('');
    f.typed('07');
    const first = f.flush();
    await tick();
    store.calls[0]!.reject(new Error('disk full'));
    await first;
    expect(f.unsaved()).toBe(true); // a live refresh must not replace the draft now
    const again = f.flush();
    await tick();
    store.calls[1]!.resolve();
    await again;
    expect(store.value).toBe('07');
    expect(f.unsaved()).toBe(false);
  });

  it('is unsaved from the first keystroke until the save committed', async () => {
    const store = slowStore();
    const f = createFieldSaver(store.save);
    f.known('');
    expect(f.unsaved()).toBe(false);
    f.typed('N');
    expect(f.unsaved()).toBe(true); // waiting for the pause
    const done = f.flush();
    await tick();
    expect(f.unsaved()).toBe(true); // being saved
    store.calls[0]!.resolve();
    await done;
    expect(f.unsaved()).toBe(false);
  });
});
