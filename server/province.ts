// The province's side of the server (issue #14): a province's own stream (its council and settings
// are kept like a commune's change feed, under the province's id `p:…`), the server's assessment of
// a commune from its merged states with the same engine and the same record→input function as the
// phone, and the register of a province's year (state, computed level, titles per commune).
import { ENTITY } from '../src/domain/entities/index.ts';
import type { AssessOutput, LevelNo } from '../src/domain/assess-types.ts';
import { isProvinceKey, keyPrefix, provinceId, yearKey } from '../src/domain/keys.ts';
import { assess } from '../src/domain/readiness/assess.ts';
import { validUntil } from '../src/domain/readiness/eligibility.ts';
import { inputOfRows, type AnswerRecord, type CountsRecord, type DecisionRecord, type RegisterRecord, type VillageRecord } from '../src/domain/readiness/input-of-rows.ts';
import { settingsOfYear, statusOf, type DossierState } from '../src/domain/review/index.ts';
import { valuesOf, type EntityState } from '../src/domain/sync/merge.ts';
import type { JsonValue } from '../src/domain/sync/op.ts';
import type { EntityName } from '../src/domain/entities/index.ts';
import type { Store } from './store/store.ts';
import { idOf } from '../src/domain/sync/protocol.ts';

/** Makes sure the province's own stream exists (a row of the communes table, never listed as a commune). */
export async function ensureProvinceStream(store: Store, province: string): Promise<string> {
  const id = provinceId(province);
  if (await store.getCommune(id)) return id;
  try {
    await store.createCommune({ code: id, name: province, province, villages: [] });
  } catch (e) {
    if (!(await store.getCommune(id))) throw e; // another request made it meanwhile: fine
  }
  return id;
}

type Values = Record<string, JsonValue>;
const values = (s: EntityState | null | undefined): Values | undefined => (s ? valuesOf(s) : undefined);
/** The last key part of each state (a village's code, an indicator, a year) with its values. */
async function byLastPart(store: Store, entity: EntityName, prefix: string): Promise<{ part: string; v: Values }[]> {
  return (await store.statesByPrefix(entity, prefix)).map((r) => ({ part: r.key.slice(prefix.length), v: valuesOf(r.state) }));
}

/** The engine's input of a commune and year from the server's merged states. */
export async function serverInput(store: Store, commune: string, year: number, asOf?: string) {
  const info = await store.getCommune(commune);
  if (!info) return null;
  const row = { name: info.name, province: info.province, ...(values(await store.entityState(ENTITY.commune, commune)) as { name?: string }) };
  // Villages the admin made (no ops) with those the phones made or renamed.
  // (A village is named by its id in the engine's input, as on the phone.)
  const villages = new Map<string, VillageRecord>(info.villages.map((v, i) => [idOf(v), { code: idOf(v), name: v.name, order: i + 1 }]));
  for (const { part, v } of await byLastPart(store, ENTITY.village, keyPrefix(commune))) villages.set(part, { ...villages.get(part), code: part, name: String(v.name ?? villages.get(part)?.name ?? part), order: (v.order as number | null) ?? villages.get(part)?.order ?? null, archived: v.archived === true });
  const counts = (await byLastPart(store, ENTITY.villageCounts, keyPrefix(commune, year))).map(({ part, v }) => ({ village: part, ...v }) as CountsRecord);
  const answers = (await byLastPart(store, ENTITY.answer, keyPrefix(commune, year))).map(({ part, v }) => ({ indicator: part, ...v }) as AnswerRecord);
  const decisions = (await byLastPart(store, ENTITY.decision, keyPrefix(commune))).map(({ v }) => v as unknown as DecisionRecord).filter((d) => (d.level === 1 || d.level === 2) && typeof d.decidedOn === 'string');
  const register = (await byLastPart(store, ENTITY.registerEntry, keyPrefix(commune))).map(({ part, v }) => ({ year: Number(part), ...v }) as RegisterRecord);
  const pid = provinceId(info.province);
  const settings = settingsOfYear((await byLastPart(store, ENTITY.provinceSettings, keyPrefix(pid))).map(({ part, v }) => ({ ...v, year: Number(part) }) as Values & { year: number }), year);
  const input = inputOfRows({
    commune, year, asOf, row, villages: [...villages.values()].sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.code.localeCompare(b.code)),
    counts, figures: values(await store.entityState(ENTITY.communeFigures, yearKey(commune, year))) as Parameters<typeof inputOfRows>[0]['figures'],
    answers, decisions, register, difficultAreas: Array.isArray(settings?.difficultAreas) ? (settings.difficultAreas as string[]) : null,
  });
  return { info, input, register };
}

/** The server's assessment of a commune's year (assess-format.md's output), or null when no such commune. */
export async function serverAssessment(store: Store, commune: string, year: number): Promise<AssessOutput | null> {
  const got = await serverInput(store, commune, year);
  return got ? assess(got.input) : null;
}

/** A title of the register as GET /register answers it. */
export interface RegisterTitle {
  /** The assessment year it was decided for; null for a decision the commune recorded before the register. */
  year: number | null;
  level: LevelNo;
  decidedOn: string;
  number?: string;
  signer?: string;
  validUntil: string;
}

/** One commune of GET /api/v1/register. */
export interface RegisterCommune {
  /** The commune's stable id (its feed, its keys) and its administrative code (Mã xã). */
  id: string;
  code: string;
  name: string;
  state: DossierState;
  /** The version the state concerns (0 before any was sent). */
  version: number;
  computedLevel: 0 | LevelNo;
  titles: RegisterTitle[];
}

/** The register of a province's year: every commune, its dossier's state, the computed level, its titles. */
export async function provinceRegister(store: Store, province: string, year: number): Promise<RegisterCommune[]> {
  const out: RegisterCommune[] = [];
  for (const head of await store.communeHeads(province)) {
    if (isProvinceKey(head.id)) continue;
    const got = await serverInput(store, head.id, year);
    if (!got) continue;
    const changes = (await byLastPart(store, ENTITY.stateChange, keyPrefix(head.id, year))).map(({ part, v }) => ({ step: Number(part), to: v.to as DossierState, version: v.version as number }));
    const status = statusOf(changes);
    const titles: RegisterTitle[] = [];
    for (const r of got.register) {
      if (r.outcome !== 'recognised' || (r.level !== 1 && r.level !== 2) || typeof r.date !== 'string') continue;
      const e = r as RegisterRecord & { number?: string; signer?: string };
      titles.push({ year: r.year, level: r.level, decidedOn: r.date, ...(e.number ? { number: e.number } : {}), ...(e.signer ? { signer: e.signer } : {}), validUntil: validUntil(r.date) });
    }
    for (const d of got.input.history ?? []) {
      if (!titles.some((t) => t.decidedOn === d.decidedOn && t.level === d.level)) titles.push({ year: null, level: d.level, decidedOn: d.decidedOn, validUntil: validUntil(d.decidedOn) });
    }
    titles.sort((a, b) => a.decidedOn.localeCompare(b.decidedOn));
    out.push({ id: head.id, code: head.code, name: got.info.name, state: status.state, version: status.version, computedLevel: assess(got.input).level, titles });
  }
  return out;
}
