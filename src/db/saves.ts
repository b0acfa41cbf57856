// The save functions the screens call (Lưu xã, Lưu thôn, số liệu, câu trả lời, quyết định, hồ sơ,
// khóa / mở lại năm), the demo or sample loader and "keep this side" of a conflict. Each checks
// what only a person's input can get wrong, then writes through write.ts (entity + op).
import type { Answer, AssessInput, CommuneFigures, VillageCounts } from '../domain/assess-types.ts';
import { answerKey, communeKey, countsKey, decisionKey, villageKey, yearKey } from '../domain/keys.ts';
import { CODE_RE, MAX_YEAR, MIN_YEAR } from '../domain/sync/limits.ts';
import type { JsonValue } from '../domain/sync/op.ts';
import { LOCK_FIELDS } from '../domain/sync/year-lock.ts';
import type { CommuneRow, VillageRow } from './db.ts';
import { newId } from '../domain/ids.ts';
import { ENTITY } from '../domain/entities/index.ts';
import { nextVillageCode } from '../import/village-code.ts';
import { registerYears } from '../domain/readiness/input-of-rows.ts';
import type { RepoContext } from './context.ts';
import { ValidationError, YearLockedError, isRealDate } from './errors.ts';
import type { Queries } from './queries.ts';
import { COUNT_KEYS } from '../domain/entities/index.ts';
import type { Write } from './write.ts';
import type { DataCode } from '../i18n/data.ts';
import type { Params } from '../i18n/words.ts';

export function createSaves(ctx: RepoContext, write: Write, q: Queries) {
  const { db } = ctx;

  /** A refused save of `field`, in both locales from the catalog's part `data` (loaded with the checks). */
  async function refusal(field: string, code: DataCode, params?: Params): Promise<ValidationError> {
    const { dataText } = await ctx.checks();
    return new ValidationError({ [field]: dataText(code, params) }, { [field]: dataText(code, params, 'en') });
  }
  /** The refusal of a locked year; only inside ctx.rw(), which has the checks loaded. */
  function lockedError(year: number): YearLockedError {
    return new YearLockedError(year, ctx.loadedChecks()!.dataText('data.yearLocked', { year }));
  }
  async function checkYear(year: number): Promise<void> {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw await refusal('year', 'data.year', { min: MIN_YEAR, max: MAX_YEAR });
  }
  async function checkCode(field: string, of: 'commune' | 'village' | 'decision', code: unknown): Promise<void> {
    if (typeof code !== 'string' || !CODE_RE.test(code)) throw await refusal(field, 'data.code', { of });
  }

  /**
   * Lưu xã. Its id stays; `code` (Mã xã) is a field, so a new code is an ordinary edit. A commune
   * set up on the phone is identified by the code typed, as every commune recorded before stable
   * ids is (and as the server knows it); the admin CLI gives the server's new communes fresh ids.
   */
  async function saveCommune(row: CommuneInput): Promise<void> {
    await checkCode('code', 'commune', row.code);
    if (typeof row.name !== 'string' || row.name.trim() === '') throw await refusal('name', 'data.communeName');
    const { id = row.code, ...fields } = row;
    await checkCode('id', 'commune', id);
    await write(ENTITY.commune, communeKey(id), fields as Record<string, JsonValue | undefined>);
  }

  /**
   * The key's commune of village `id` of `commune`: where it was first recorded, which is another
   * commune for a village moved in. Undefined for a village this device does not hold.
   */
  async function homeOf(commune: string, id: string): Promise<string | undefined> {
    const here = await db.villages.get([commune, id]);
    if (here) return here.commune;
    return (await db.villages.where('inCommune').equals(commune).filter((v) => v.id === id).first())?.commune;
  }

  /**
   * Lưu thôn; `order` defaults to the end of the list. A village given without `id` is the one
   * recorded under its code (identity: villages from before stable ids, samples, the demo); a new
   * village gets a fresh id from addVillage. `code` is a field, `inCommune` too: a village renumbered
   * or moved to another commune is an ordinary edit under the same key.
   */
  async function saveVillage(commune: string, v: VillageInput): Promise<string> {
    await checkCode('code', 'village', v.code);
    if (typeof v.name !== 'string' || v.name.trim() === '') throw await refusal('name', 'data.villageName');
    const id = v.id ?? v.code;
    await checkCode('id', 'village', id);
    if (v.inCommune !== undefined) await checkCode('inCommune', 'commune', v.inCommune);
    await ctx.rw(async () => {
      const home = (await homeOf(commune, id)) ?? commune;
      const existing = await db.villages.get([home, id]);
      const order = v.order ?? existing?.order ?? (await db.villages.where('inCommune').equals(commune).count());
      const patch: Record<string, JsonValue | undefined> = { name: v.name, order, code: v.code, inCommune: v.inCommune ?? existing?.inCommune ?? commune };
      if (v.archived !== undefined) patch.archived = v.archived;
      await write(ENTITY.village, villageKey(home, id), patch);
    });
    return id;
  }

  /** Thêm thôn mới: a fresh id (never the typed code); the code defaults to the next free T01, T02… */
  async function addVillage(commune: string, v: { code?: string; name: string; order?: number }): Promise<string> {
    const code = v.code ?? nextVillageCode((await q.listVillages(commune, { includeArchived: true })).map((x) => x.code));
    return saveVillage(commune, { ...v, code, id: newId() });
  }

  async function archiveVillage(commune: string, id: string, archived = true): Promise<void> {
    await write(ENTITY.village, villageKey((await homeOf(commune, id)) ?? commune, id), { archived });
  }

  /** Lưu số liệu thôn (only the given fields; null clears one), under the village's own key. */
  async function saveVillageCounts(commune: string, year: number, village: string, fields: Partial<VillageCounts>): Promise<void> {
    await checkYear(year);
    await ctx.rw(async () => {
      const home = (await homeOf(commune, village)) ?? commune;
      await write(ENTITY.villageCounts, countsKey(home, year, village), fields as Record<string, JsonValue | undefined>);
    });
  }

  /** Lưu số liệu chung của xã. */
  async function saveCommuneFigures(commune: string, year: number, fields: Partial<CommuneFigures>): Promise<void> {
    await checkYear(year);
    await write(ENTITY.communeFigures, yearKey(commune, year), fields as Record<string, JsonValue | undefined>);
  }

  /** Lưu câu trả lời chỉ tiêu. */
  async function saveAnswer(commune: string, year: number, indicatorId: string, fields: Partial<Answer>): Promise<void> {
    await checkYear(year);
    const patch = { ...fields } as Record<string, JsonValue | undefined>;
    if (Array.isArray(fields.evidence)) patch.evidence = cleanEvidence(fields.evidence) as JsonValue;
    await write(ENTITY.answer, answerKey(commune, year, indicatorId), patch);
  }

  /** Lưu quyết định công nhận; the id defaults to `${decidedOn}_${level}` so re-entry does not duplicate. */
  async function saveDecision(commune: string, d: { id?: string; level: 1 | 2; decidedOn: string; number?: string; archived?: boolean }): Promise<string> {
    if (d.level !== 1 && d.level !== 2) throw await refusal('level', 'data.level');
    if (!isRealDate(d.decidedOn)) throw await refusal('decidedOn', 'data.decidedOn');
    const id = d.id ?? `${d.decidedOn}_${d.level}`;
    await checkCode('id', 'decision', id);
    // A year the province's register holds is its record (the server refuses the same).
    const year = Number(d.decidedOn.slice(0, 4));
    if (registerYears(await db.register.where('commune').equals(commune).toArray()).has(year)) throw await refusal('decidedOn', 'data.decisionInRegister', { year });
    const patch: Record<string, JsonValue | undefined> = { level: d.level, decidedOn: d.decidedOn, number: d.number };
    if (d.archived !== undefined) patch.archived = d.archived;
    else if ((await db.decisions.get([commune, id]))?.archived) patch.archived = false; // typed again after removal: it counts again
    await write(ENTITY.decision, decisionKey(commune, id), patch);
    return id;
  }

  /** Bỏ quyết định công nhận typed by mistake: it stays in the log, and the history leaves it out. */
  async function archiveDecision(commune: string, id: string): Promise<void> {
    await checkCode('id', 'decision', id);
    await write(ENTITY.decision, decisionKey(commune, id), { archived: true });
  }

  /** Lưu hồ sơ năm (free texts, signer, meeting); refused while the year is locked. */
  async function saveDossier(commune: string, year: number, fields: Record<string, string | number | boolean | null | undefined>): Promise<void> {
    await checkYear(year);
    for (const k of Object.keys(fields)) {
      if (LOCK_FIELDS.has(k)) throw await refusal(k, 'data.lockFields');
    }
    await ctx.rw(async () => {
      const d = await db.dossiers.get([commune, year]);
      if (d?.locked) throw lockedError(year);
      await write(ENTITY.dossier, yearKey(commune, year), fields as Record<string, JsonValue | undefined>);
    });
  }

  /** Khóa hồ sơ năm after the council meeting: counts, figures and answers become read-only. */
  async function lockYear(commune: string, year: number, m: { meetingDate: string; minutesRef: string; reason?: string }): Promise<void> {
    await checkYear(year);
    if (!isRealDate(m.meetingDate)) throw await refusal('meetingDate', 'data.meetingDate');
    if (typeof m.minutesRef !== 'string' || m.minutesRef.trim() === '') throw await refusal('minutesRef', 'data.minutesRef');
    await write(ENTITY.dossier, yearKey(commune, year), {
      locked: true, meetingDate: m.meetingDate, minutesRef: m.minutesRef,
      lockReason: m.reason ?? null, lockedAt: new Date(ctx.now()).toISOString(),
    });
  }

  /** Mở lại năm đã khóa, with the reason kept in the dossier's history. */
  async function reopenYear(commune: string, year: number, reason: string): Promise<void> {
    await checkYear(year);
    if (typeof reason !== 'string' || reason.trim() === '') throw await refusal('reason', 'data.reopenReason');
    await ctx.rw(async () => {
      const d = await db.dossiers.get([commune, year]);
      const reasons = [...(d?.reopenReasons ?? []), { at: new Date(ctx.now()).toISOString(), reason: reason.trim() }];
      await write(ENTITY.dossier, yearKey(commune, year), { locked: false, reopenReasons: JSON.stringify(reasons) });
    });
  }

  /** Bắt đầu năm mới: villages carry over (they are not per year), counts start empty. */
  async function startYear(commune: string, year: number, fromYear?: number): Promise<void> {
    await checkYear(year);
    await ctx.rw(async () => {
      const years = await q.listYears(commune);
      const from = fromYear ?? [...years].reverse().find((y) => y < year);
      const patch: Record<string, JsonValue> = { started: true };
      if (from !== undefined) patch.startedFrom = from;
      const d = await db.dossiers.get([commune, year]);
      if (d?.started) return;
      await write(ENTITY.dossier, yearKey(commune, year), patch);
    });
  }

  /** Stores an engine input (a sample or demo commune) through the save functions; idempotent. */
  async function loadAssessInput(input: AssessInput): Promise<string> {
    const code = input.commune.code;
    await ctx.rw(async () => {
      await saveCommune({ code, name: input.commune.name, ...(input.commune.province ? { province: input.commune.province } : {}) });
      let i = await db.villages.where('inCommune').equals(code).count();
      // An engine input names its villages by code: they are the villages recorded under it.
      for (const v of input.villages) {
        const have = await db.villages.get([code, v.code]);
        // Known villages keep their name and order unless the input names them.
        await saveVillage(code, { code: v.code, name: v.name ?? have?.name ?? v.code, order: have?.order ?? i++ });
        const counts: Record<string, unknown> = {};
        for (const f of COUNT_KEYS) if (v[f] !== undefined) counts[f] = v[f];
        if (Object.keys(counts).length) await saveVillageCounts(code, input.year, v.code, counts as VillageCounts);
      }
      if (input.figures) await saveCommuneFigures(code, input.year, input.figures);
      for (const [id, a] of Object.entries(input.answers ?? {})) await saveAnswer(code, input.year, id, a);
      for (const d of input.history ?? []) await saveDecision(code, d);
    });
    return code;
  }

  /** Keeps one side of a conflict as a NEW local edit (new stamp), so every device settles on it. */
  async function resolveConflict(id: number, keep: 'local' | 'remote'): Promise<void> {
    await ctx.rw(async () => {
      const c = await db.conflicts.get(id);
      if (!c) return;
      const value = (keep === 'local' ? c.localValue : c.remoteValue) as JsonValue;
      // Forced even when the value is already the winner's: the new stamp, with `prev` at the
      // winner, tells every device the person has seen both values.
      await write(c.entity, c.key, { [c.field]: value }, { force: true });
      await db.conflicts.update(id, { resolved: true });
    });
  }

  return {
    saveCommune, saveVillage, addVillage, archiveVillage, saveVillageCounts, saveCommuneFigures, saveAnswer,
    saveDecision, archiveDecision, saveDossier, lockYear, reopenYear, startYear, loadAssessInput, resolveConflict,
  };
}

/** What a commune is saved with: its row, the id defaulting to the code. */
export type CommuneInput = Omit<CommuneRow, 'id'> & { id?: string };
/** What a village is saved with (the key's commune comes from the caller or the village's home). */
export type VillageInput = Pick<VillageRow, 'code' | 'name'> & Partial<Pick<VillageRow, 'id' | 'order' | 'archived' | 'inCommune'>>;


/** Drops empty evidence parts (an empty date is "no date", not a bad date). */
function cleanEvidence(list: unknown[]): Record<string, string>[] {
  return list
    .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
    .map((e) => {
      const out: Record<string, string> = {};
      for (const k of ['number', 'date', 'issuer', 'title', 'note']) {
        const v = e[k];
        if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
      }
      return out;
    })
    .filter((e) => Object.keys(e).length > 0);
}
