// FIRST-LOAD. What follows a person's first real save: ask the browser to keep our storage
// (never at load: browsers weigh engagement, and a stranger's first visit is not a reason), and
// hint Background Sync that edits wait. Never blocks or fails a save.
import { getMeta, setMeta } from '../db/index.ts';
import { requestBackgroundSync, requestPersist } from '../pwa/index.ts';

let asked = false;

/** Call after a save resolved. */
export function afterSave(): void {
  void requestBackgroundSync();
  if (asked) return;
  asked = true;
  void (async () => {
    try {
      if (await getMeta<boolean>('persistAsked')) return;
      await setMeta('persistAsked', true);
      await requestPersist();
    } catch {
      asked = false;
    }
  })();
}
