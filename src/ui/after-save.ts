// FIRST-LOAD. What follows a person's first real save: ask the browser to keep our storage
// (never at load: browsers weigh engagement, and a stranger's first visit is not a reason), and
// hint Background Sync that edits wait. Never blocks or fails a save.
import { getMeta, setMeta } from '../db/index.ts';

let asked = false;

/** Call after a save resolved. */
export function afterSave(): void {
  void import('../pwa/index.ts').then(async (pwa) => {
    void pwa.requestBackgroundSync();
    if (asked) return;
    asked = true;
    try {
      if (await getMeta<boolean>('persistAsked')) return;
      await setMeta('persistAsked', true);
      await pwa.requestPersist();
    } catch {
      asked = false;
    }
  });
}
