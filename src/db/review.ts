// The province's review on the phone (issue #14): sending the year's dossier (its snapshot and
// hash, then the state change, one transaction), the other moves of its state, the council's
// verdicts, the register, the council and the province's settings — each through the ordinary
// write path (row + outbox op), checked first with the same pure rules the server applies
// (src/domain/review/states.ts), so a refusal is shown before anything is queued. Lazy: the
// repository loads it on the first write (repo.review()); never on the first-load path. Its reads
// are the repository's own (queries.ts); the reviewer's read of a whole province (assess-input.ts)
// rides in this module too, so the review is one lazy chunk.
import { ENTITY } from '../domain/entities/index.ts';
import type { EntityName, JsonValue } from '../domain/sync/op.ts';
import { provinceId, provinceYearKey, reviewKey, stepKey, versionKey, yearKey } from '../domain/keys.ts';
import { canonicalText, plainSnapshot, settingsOfYear, statusOf, moveOf, moveRefusal, MOVES, type DossierState, type DossierStatus, type Move, type MoveRefusal, type SubmissionSnapshot } from '../domain/review/index.ts';
import type { Role } from '../domain/access/roles.ts';
import type { CouncilRow, ProvinceSettingsRow, RegisterRow, ReviewRow, StateChangeRow, SubmissionRow } from './db.ts';
import type { Write } from './write.ts';
import type { XhtDb } from './db.ts';
import { buildInputs } from './assess-input.ts';

/** What the review uses of a repository (its database, its meta, one transaction for several saves). */
export interface ReviewBase {
  db: XhtDb;
  getProvinceSettings(province: string, year: number): Promise<ProvinceSettingsRow | undefined>;
  getMeta<T = unknown>(key: string): Promise<T | undefined>;
  deviceId(): Promise<string>;
  batch<T>(fn: () => Promise<T>): Promise<T>;
}
import { MoveRefusedError } from './errors.ts';

export { MoveRefusedError };


/** SHA-256 hex of a text (WebCrypto: the page, the workers and Node alike). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

type Fields = Record<string, JsonValue | undefined>;

/** The review's functions over a repository. */
export function createReview(repo: ReviewBase, writeOp: Write) {
  const { db } = repo;
  const write = (entity: EntityName, key: string, fields: Fields) => writeOp(entity, key, fields);

  // The review's reads: the screens that show the review load this module (never the first load);
  // the province's settings are the repository's (every commune screen reads them).
  const { getProvinceSettings } = repo;
  async function listStateChanges(commune: string, year: number): Promise<StateChangeRow[]> {
    return (await db.stateChanges.where('[commune+year]').equals([commune, year]).toArray()).sort((a, b) => a.step - b.step);
  }
  async function listSubmissions(commune: string, year: number): Promise<SubmissionRow[]> {
    return (await db.submissions.where('[commune+year]').equals([commune, year]).toArray()).sort((a, b) => a.version - b.version);
  }
  async function listReviews(commune: string, year: number, version?: number): Promise<ReviewRow[]> {
    const all = await db.reviews.where('[commune+year]').equals([commune, year]).toArray();
    return version === undefined ? all : all.filter((r) => r.version === version);
  }
  async function getRegisterEntry(commune: string, year: number): Promise<RegisterRow | undefined> {
    return db.register.get([commune, year]);
  }
  /** Every register entry of a commune, oldest year first (its history). */
  async function listRegister(commune: string): Promise<RegisterRow[]> {
    return (await db.register.where('commune').equals(commune).toArray()).sort((a, b) => a.year - b.year);
  }
  async function getCouncil(province: string, year: number): Promise<CouncilRow | undefined> {
    return db.councils.get([provinceId(province), year]);
  }

  /** Where the commune's dossier of the year stands (draft before anything was sent). */
  const dossierStatus = async (commune: string, year: number): Promise<DossierStatus> => statusOf(await listStateChanges(commune, year));

  /** Who the enrolment code was issued to, and this device: what a state change records. */
  async function actor(): Promise<{ role: Role | null; by: string; device: string }> {
    return {
      role: ((await repo.getMeta<Role>('role')) ?? null),
      by: (await repo.getMeta<string>('person')) ?? '',
      device: await repo.deviceId(),
    };
  }

  /** The context a move is judged in, read from this phone's tables (the server reads its own). */
  async function contextOf(commune: string, year: number, province: string | null) {
    const status = await dossierStatus(commune, year);
    const locked = (await db.dossiers.get([commune, year]))?.locked === true;
    const sent = await listSubmissions(commune, year);
    return {
      status,
      yearLocked: locked,
      lastSentVersion: sent.length ? sent[sent.length - 1]!.version : 0,
      verdicts: await listReviews(commune, year, status.version),
      register: (await getRegisterEntry(commune, year)) ?? null,
      council: province ? ((await getCouncil(province, year)) ?? null) : null,
    };
  }

  /**
   * Moves the dossier to `to` (the next step), after the same rules the server applies; throws
   * MoveRefusedError with the code when they refuse. `role` defaults to this phone's enrolment.
   */
  async function move(commune: string, year: number, to: DossierState, opts: { reason?: string; province?: string | null; role?: Role } = {}): Promise<StateChangeRow> {
    const who = await actor();
    const role = opts.role ?? who.role ?? 'officer';
    return repo.batch(async () => {
      const ctx = await contextOf(commune, year, opts.province ?? null);
      const { status } = ctx;
      const m = moveOf(status.state, to);
      const version = m === 'send' ? status.version + 1 : status.version;
      const change = { step: status.step + 1, from: status.state, to, version, reason: opts.reason?.trim() || null };
      const why = moveRefusal(role, change, ctx);
      if (why) throw new MoveRefusedError(why);
      const row: StateChangeRow = { commune, year, ...change, at: new Date().toISOString(), by: who.by, device: who.device };
      const fields: Fields = { from: row.from, to: row.to, version: row.version, at: row.at, by: row.by, device: row.device };
      if (row.reason) fields.reason = row.reason;
      await write(ENTITY.stateChange, stepKey(commune, year, row.step), fields);
      return row;
    });
  }

  /**
   * Gửi hồ sơ: stores the snapshot as the next version with its hash and moves the dossier to
   * `submitted`, in one transaction (both ops travel in the same batch). The year must be locked.
   */
  async function sendDossier(commune: string, year: number, snapshot: SubmissionSnapshot): Promise<{ version: number; contentHash: string }> {
    const contentHash = await sha256Hex(canonicalText(snapshot));
    const who = await actor();
    const status = await dossierStatus(commune, year);
    const role = who.role ?? 'officer';
    if (!MOVES.send.from.includes(status.state)) throw new MoveRefusedError({ code: 'moveNone', from: status.state, to: 'submitted' });
    if (!MOVES.send.roles.includes(role)) throw new MoveRefusedError({ code: 'moveRole', move: 'send', roles: MOVES.send.roles });
    const version = status.version + 1;
    return repo.batch(async () => {
      if ((await db.dossiers.get([commune, year]))?.locked !== true) throw new MoveRefusedError({ code: 'moveNotLocked' });
      await write(ENTITY.submission, versionKey(commune, year, version), {
        snapshot: plainSnapshot(snapshot) as unknown as JsonValue, contentHash, sentAt: new Date().toISOString(), sentBy: who.by,
      });
      await move(commune, year, 'submitted', { role });
      return { version, contentHash };
    });
  }

  /** The council's verdict and comment on one indicator of the version in review. */
  async function saveReview(commune: string, year: number, version: number, indicator: string, fields: { verdict?: ReviewRow['verdict']; comment?: string | null }): Promise<void> {
    await write(ENTITY.review, reviewKey(commune, year, version, indicator), fields as Fields);
  }
  async function saveRegisterEntry(commune: string, year: number, fields: Omit<Partial<RegisterRow>, 'commune' | 'year'>): Promise<void> {
    await write(ENTITY.registerEntry, yearKey(commune, year), fields as Fields);
  }
  async function saveCouncil(province: string, year: number, fields: Omit<Partial<CouncilRow>, 'province' | 'year'>): Promise<void> {
    await write(ENTITY.council, provinceYearKey(provinceId(province), year), fields as Fields);
  }
  async function saveProvinceSettings(province: string, year: number, fields: Omit<Partial<ProvinceSettingsRow>, 'province' | 'year'>): Promise<void> {
    await write(ENTITY.provinceSettings, provinceYearKey(provinceId(province), year), fields as Fields);
  }

  return {
    listStateChanges, dossierStatus, listSubmissions, listReviews, getRegisterEntry, listRegister, getCouncil, getProvinceSettings,
    move, sendDossier, saveReview, saveRegisterEntry, saveCouncil, saveProvinceSettings,
    /** The reviewer's read of a whole province (assess-input.ts): the engine's input of each commune. */
    provinceInputs: (communes: readonly string[], year: number, asOf?: string, difficultAreas?: readonly string[] | null) =>
      buildInputs(db, communes, year, asOf, difficultAreas),
  };
}

export type Review = ReturnType<typeof createReview>;
export type { Move };
