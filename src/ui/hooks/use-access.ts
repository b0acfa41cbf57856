// What this phone's enrolment lets the person change in a commune, read from meta. Screens call it
// inside their own live loader, so a new enrolment applies at once and the form never shows
// editable before the access is known. Only the lazy screens import it; never writes.
import { getMeta } from '../../db/index.ts';
import { accessFrom, type Access } from '../access.ts';

/** The access for `commune` (no limits on a phone not enrolled for it). */
export async function loadAccess(commune: string): Promise<Access> {
  return accessFrom(
    { role: await getMeta('role'), villageScope: await getMeta('villageScope'), enrolledCommune: await getMeta('enrolledCommune') },
    commune,
  );
}
