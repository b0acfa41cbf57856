// Issuing enrolment codes: shared by the admin CLI and the first-start seed. The code text is
// returned once to be handed to the person; the store keeps only its hash.
import { codeHash, newEnrolCode } from './auth.ts';
import { idOf, type Role } from '../src/domain/sync/protocol.ts';
import type { Store } from './store/store.ts';
import { both } from '../src/i18n/cli.ts';

export interface IssueInput {
  commune: string;
  role: Role;
  /** For a collector: the villages they may write; null = all. */
  villages: string[] | null;
  /** Who the code is for (shown in lists and /me). */
  person: string;
  /** Days the code stays valid unused (default 30). */
  validDays?: number;
}

/** How long an unused code works unless told otherwise. */
export const DEFAULT_CODE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Makes a code after checking the commune and villages exist; throws with a readable reason. */
export async function issueCode(store: Store, input: IssueInput, now = Date.now()): Promise<{ id: string; code: string; expiresAt: number }> {
  const days = input.validDays ?? DEFAULT_CODE_DAYS;
  if (!(Number.isFinite(days) && days > 0 && days <= 366)) throw new Error(`${both('cli.validDays')}: ${days}`);
  const commune = await store.getCommune(input.commune);
  if (!commune) throw new Error(both('cli.noCommune', { commune: input.commune }));
  let villages: string[] | null = null;
  if (input.villages) {
    if (input.role !== 'collector') throw new Error(both('cli.villagesCollectorOnly'));
    // Named by id or by code (Mã thôn); the code keeps their ids.
    const find = (given: string) => commune.villages.find((v) => idOf(v) === given) ?? commune.villages.find((v) => v.code === given);
    const unknown = input.villages.filter((v) => !find(v));
    if (unknown.length) throw new Error(both('cli.unknownVillages', { villages: unknown.join(', ') }));
    if (input.villages.length === 0) throw new Error(both('cli.emptyVillages'));
    villages = input.villages.map((v) => idOf(find(v)!));
  }
  const { code, id } = newEnrolCode();
  const expiresAt = now + Math.round(days * DAY_MS);
  await store.createCode({ id, codeHash: codeHash(code), commune: input.commune, role: input.role, villages, person: input.person, now, expiresAt });
  return { id, code, expiresAt };
}
