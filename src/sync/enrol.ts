// Enrolment: trades a code for a token at a server (POST /enroll), keeps the token, the server,
// the role and the commune, and after the first complete pull fills in the commune and villages
// the server's own list holds but the change feed did not bring.
import { formatHlc } from '../domain/sync/hlc.ts';
import { newOpId } from '../domain/sync/op-id.ts';
import { stateId } from '../domain/sync/merge.ts';
import { communeKey, isProvinceKey, villageKey } from '../domain/keys.ts';
import type { MetaKey } from '../db/index.ts';
import { ENTITY } from '../domain/entities/index.ts';
import type { Op } from '../domain/sync/op.ts';
import { API_PREFIX, idOf, type EnrollResponse } from '../domain/sync/protocol.ts';
import type { SyncProblem } from './codes.ts';
import { noteClock, problemOf, type EngineCtx } from './requests.ts';
import { normalizeServerUrl, request } from './transport.ts';
import { syncWords } from './words.ts';

/** Enrolment refused or impossible: its code; `message` is Vietnamese, `en` English. */
export class EnrollError extends Error {
  readonly code: SyncProblem['code'];
  readonly en: string;
  constructor(problem: SyncProblem) {
    const w = syncWords(problem);
    super(w.vi);
    this.name = 'EnrollError';
    this.code = problem.code;
    this.en = w.en;
  }
}

/** The server's answer, and the demo commune's name when the phone set it aside to enrol. */
export type EnrolResult = EnrollResponse & { demoSetAside?: string };

/** POST /enroll and keep what it answered; throws EnrollError. */
export async function enroll(ctx: EngineCtx, serverUrl: string, code: string): Promise<EnrolResult> {
  const { repo } = ctx;
  let base: string;
  try {
    base = normalizeServerUrl(serverUrl);
  } catch {
    throw new EnrollError({ code: 'badServerUrl' });
  }
  const body: Record<string, string> = { code: code.trim(), deviceId: await repo.deviceId() };
  if (ctx.deviceName) body.deviceName = ctx.deviceName;
  // Enrolling again with the same server: the token held proves this is the device it names (the
  // server keeps one live token per device id). Never shown to another server.
  const held = await repo.getMeta<{ serverUrl: string; token: string }>('enrolProof');
  const proof = (await repo.getMeta<string>('serverUrl')) === base ? await repo.getMeta<string>('token') : held?.serverUrl === base ? held.token : undefined;
  const r = await request(ctx.fetch, `${base}${API_PREFIX}/enroll`, { method: 'POST', body, token: proof, timeoutMs: ctx.timeoutMs, now: ctx.now });
  noteClock(ctx, r);
  if (r.kind !== 'ok') {
    if (r.kind === 'http' && r.status === 401) {
      throw new EnrollError(r.body ? { code: 'badEnrolCode', said: { vi: r.body.message_vi, en: r.body.message_en } } : { code: 'badEnrolCode' });
    }
    if (r.kind === 'http' && r.status === 400) throw new EnrollError({ code: 'malformedEnrolCode' });
    throw new EnrollError(problemOf(r));
  }
  const res = r.body as EnrollResponse;
  if (!res || typeof res.token !== 'string' || !res.commune || typeof res.commune.code !== 'string') {
    throw new EnrollError({ code: 'garbled' });
  }
  // The server now holds this token as the device's: kept (only to prove the device when it enrols
  // there again) before the phone's commune is looked at, which may refuse or be cut short.
  await repo.setMeta('enrolProof', { serverUrl: base, token: res.token });
  const adopted = await repo.adoptServerCommune({
    id: idOf(res.commune), code: res.commune.code, villages: (res.commune.villages ?? []).map((v) => ({ id: idOf(v), code: v.code })),
  });
  if (adopted.kind === 'otherCode') throw new EnrollError({ code: 'enrolOtherCommune', params: { local: adopted.local, server: adopted.server } });
  if (adopted.kind === 'synced') throw new EnrollError({ code: 'enrolCommuneSynced', params: { local: adopted.local } });
  // The sample stays on the phone, but the phone now works on the commune it enrolled for.
  const leaveDemo = adopted.kind === 'demoSetAside';
  await repo.updateMeta(['serverUrl', 'enrolledCommune', 'currentCommune'], (m) => ({
    token: res.token,
    serverUrl: base,
    role: res.role,
    enrolledCommune: idOf(res.commune),
    villageScope: res.villages ?? null,
    // Who the code was issued to (a change of the dossier's state names them; the server checks),
    // and its province (the commune's phones pull the province's own records too).
    person: typeof res.person === 'string' ? res.person : null,
    province: typeof res.commune.province === 'string' ? res.commune.province : null,
    // Another server or commune: its feed starts from the beginning.
    ...(m.serverUrl !== base || m.enrolledCommune !== idOf(res.commune) ? { pullCursor: 0 } : {}),
    ...(!m.currentCommune || leaveDemo ? { currentCommune: idOf(res.commune) } : {}),
    enrolCommune: res.commune,
  }));
  return leaveDemo ? { ...res, demoSetAside: adopted.name } : res;
}

/**
 * After the first complete pull: the server's own list of the commune and villages fills what
 * the change feed did not bring (a commune made by the admin CLI has no ops), as the weakest
 * possible stamp and without an outbox op, so any real edit wins over it and nothing is sent.
 */
export async function fillFromEnrolment(ctx: EngineCtx): Promise<void> {
  const info = await ctx.repo.getMeta<EnrollResponse['commune']>('enrolCommune');
  if (!info) return;
  // A province reviewer's enrolment names its province (its own records' stream), not a commune.
  if (isProvinceKey(idOf(info))) return ctx.repo.setMeta('enrolCommune', null);
  await fillCommune(ctx, info, { enrolCommune: null });
}

/** The server's list of a commune and its villages, as the weakest stamp (see fillFromEnrolment); `meta` lands with it. */
export async function fillCommune(ctx: EngineCtx, info: EnrollResponse['commune'], meta: Partial<Record<MetaKey, unknown>> = {}): Promise<void> {
  // The fill and "done" land together.
  await ctx.repo.applyRemoteOps(await fillOps(ctx, info), meta);
}

/**
 * The ops of that fill: the commune and the villages this device does not hold yet (none once it
 * does), nor `landing` brings (the ops of the page that lands with them, held a moment later).
 */
export async function fillOps(ctx: EngineCtx, info: EnrollResponse['commune'], landing: readonly Pick<Op, 'entity' | 'key'>[] = []): Promise<Op[]> {
  const { repo } = ctx;
  const ops: Op[] = [];
  let counter = 0;
  const stamp = () => formatHlc({ wall: 0, counter: counter++, node: 'enrol' });
  const commune = idOf(info);
  // A code is written only where it is not the id (the key gives that one).
  const codeField = (x: { id?: string; code: string }): Op['fields'] => (idOf(x) !== x.code ? { code: x.code } : {});
  if (!(await repo.getCommune(commune))) {
    const fields: Op['fields'] = { name: info.name, ...codeField(info) };
    if (info.province) fields.province = info.province;
    ops.push({ opId: newOpId(ctx.now()), entity: ENTITY.commune, key: communeKey(commune), fields, hlc: stamp() });
  }
  const have = new Set((await repo.listVillages(commune, { includeArchived: true })).map((v) => v.id));
  (info.villages ?? []).forEach((v, i) => {
    if (!have.has(idOf(v))) ops.push({ opId: newOpId(ctx.now()), entity: ENTITY.village, key: villageKey(commune, idOf(v)), fields: { name: v.name, order: i + 1, ...codeField(v) }, hlc: stamp() });
  });
  const landed = new Set(landing.map((o) => stateId(o.entity, o.key)));
  return ops.filter((o) => !landed.has(stateId(o.entity, o.key)));
}
