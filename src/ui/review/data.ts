// What the reviewer's screens read from this device: the communes of its province (every one it
// pulled), each one's engine input of the year from the synced figures and the engine's result,
// and its review — state (the last state change), the version sent and the one before it, the
// council's verdicts, the register's entry — plus the province's council and settings. One read
// per table for the whole province, so the list opens offline from IndexedDB alone. Screens hand
// these loaders to useLive as async functions: Dexie follows a querier's native awaits only then
// (liveQuery checks isAsyncFunction), else a screen stops updating after its first read. Judges
// nothing itself: assess() and src/review do. Never writes.
import {
  getCommune, getMeta, listCommunes, repo, rowsByKeys, type CommuneRow, type RegisterRow,
  type ReviewRow as VerdictRow, type StateChangeRow, type SubmissionRow,
} from '../../db/index.ts';
import type { AssessInput, LevelNo } from '../../domain/assess-types.ts';
import { assessSynced } from '../assessment.ts';
import { isProvinceKey } from '../../domain/keys.ts';
import { statusOf } from '../../domain/review/states.ts';
import { DEFAULT_DECISION_DEADLINE, DEFAULT_DOSSIER_DEADLINE, deadlineIn } from '../../dossier/deadlines.ts';
import { titleOf, type Title } from '../../review/decide.ts';
import { evidenceCount, type ListDeadlines, type ListSource } from '../../review/list.ts';
import { provinceSettingsOf, type SettingsForm } from '../../review/settings.ts';
import { DEFAULT_DECIDER_TITLE, defaultDeciderName, defaultReceiverName } from '../../review/papers/office-names.ts';
import type { CommuneReview, Council, IndicatorVerdict, ReviewYear, SentDossier } from '../../review/papers/types.ts';

// The engine's input of many communes at once is the review's lazy module's (src/db/review.ts).
const buildProvinceInputs = async (ids: readonly string[], year: number, asOf: string, areas?: readonly string[] | null) =>
  (await repo().review()).provinceInputs(ids, year, asOf, areas);

/** The province this device reviews: its enrolment's commune's province, else the open commune's. */
export async function reviewedProvince(): Promise<string | null> {
  // A province's code stores the province at enrolment (its "commune" is the province's own stream).
  const named = await getMeta<string>('province');
  if (typeof named === 'string' && named.trim()) return named.trim();
  const code = (await getMeta<string>('enrolledCommune')) ?? (await getMeta<string>('currentCommune'));
  const c = code ? await getCommune(code) : undefined;
  return c?.province?.trim() || null;
}

/** A sent version as the papers read it; a dossier that asked for nothing is appraised at level 1. */
function sentOf(s: SubmissionRow): SentDossier {
  const r = s.snapshot.request;
  return { input: s.snapshot.input, output: s.snapshot.output, request: r ? { kind: r.kind, level: r.level, number: r.number, date: r.date } : { kind: 'first', level: 1 } };
}

function verdictsOf(rows: readonly VerdictRow[]): Record<string, IndicatorVerdict> {
  const out: Record<string, IndicatorVerdict> = {};
  for (const r of rows) out[r.indicator] = { verdict: r.verdict ?? null, comment: r.comment ?? undefined };
  return out;
}

/** One commune's review from its rows of the year. */
function reviewOf(input: AssessInput, changes: readonly StateChangeRow[], sent: readonly SubmissionRow[], verdicts: readonly VerdictRow[], register: RegisterRow | undefined) {
  const status = statusOf(changes);
  const current = sent.find((s) => s.version === status.version) ?? null;
  const previous = [...sent].filter((s) => s.version < status.version).sort((a, b) => b.version - a.version)[0] ?? null;
  const review: CommuneReview = { commune: { code: input.commune.code, name: input.commune.name }, state: status.state, computed: assessSynced(input) };
  if (current) {
    review.dossier = sentOf(current);
    review.verdicts = verdictsOf(verdicts.filter((v) => v.version === status.version));
  }
  if (register?.outcome === 'recognised' && register.level && register.date) {
    review.conclusion = { outcome: 'recognised', level: register.level };
    review.decision = { level: register.level, number: register.number ?? undefined, date: register.date, signer: register.signer ?? undefined, validUntil: register.validUntil ?? undefined };
  } else if (register?.outcome === 'not-recognised') {
    review.conclusion = { outcome: 'not-recognised' };
    review.answer = register.answer ?? undefined;
    if (register.reasons?.trim()) review.reasons = register.reasons.trim();
  }
  if (register?.minutes) review.minutes = register.minutes;
  if (register?.note) review.note = register.note;
  return { review, status, current, previous, register };
}

const groupBy = <T extends { commune: string }>(list: T[]) => {
  const m = new Map<string, T[]>();
  for (const r of list) {
    const l = m.get(r.commune);
    if (l) l.push(r);
    else m.set(r.commune, [r]);
  }
  return m;
};

/** Each commune's review rows of the year, one query per table. */
async function reviewRows(codes: readonly string[], year: number) {
  const pairs = codes.map((c): [string, number] => [c, year]);
  const d = repo().db;
  const [changes, sent, verdicts, register, pulled, files] = await Promise.all([
    rowsByKeys(d.stateChanges, '[commune+year]', pairs),
    rowsByKeys(d.submissions, '[commune+year]', pairs),
    rowsByKeys(d.reviews, '[commune+year]', pairs),
    d.register.bulkGet(pairs),
    d.meta.bulkGet(codes.map((c) => `pulledAt:${c}`)),
    rowsByKeys(d.attachments, '[commune+year]', pairs),
  ]);
  return { changes: groupBy(changes), sent: groupBy(sent), verdicts: groupBy(verdicts), register, pulled: pulled.map((m) => (typeof m?.value === 'string' ? m.value : null)), files: groupBy(files) };
}

/** The communes of the province this device holds (not the province's own stream, `p:…`). */
async function provinceCommunes(province: string | null): Promise<CommuneRow[]> {
  const all = (await listCommunes()).filter((c) => !isProvinceKey(c.id));
  return province ? all.filter((c) => c.province?.trim() === province) : all;
}

export interface ProvinceData {
  province: string | null;
  communes: CommuneRow[];
  sources: ListSource[];
  deadlines: ListDeadlines;
}

/** The province's settings of the year as stored (`row`, one read) and as the settings screen edits them (`form`, defaults when none). */
async function settingsOf(province: string | null, year: number) {
  const row = province ? await repo().getProvinceSettings(province, year) : undefined;
  const form: SettingsForm = {
    receiverName: row?.receiver?.name ?? (province ? defaultReceiverName(province) : ''),
    receiverAddress: row?.receiverAddress ?? '',
    deciderName: row?.decider?.name ?? (province ? defaultDeciderName(province) : ''),
    signerTitle: row?.decider?.signerTitle ?? DEFAULT_DECIDER_TITLE,
    dossierDeadline: row?.dossierDeadline ?? DEFAULT_DOSSIER_DEADLINE,
    decisionDeadline: row?.decisionDeadline ?? DEFAULT_DECISION_DEADLINE,
    guidanceLetter: row?.guidanceLetter ?? '',
    difficultAreas: row?.difficultAreas ?? [],
  };
  return { row, form };
}

/** The performance mark of one read of the province (its detail: the year). */
export const PROVINCE_READ_MARK = 'xht:province-read';

/** Everything the province's list shows, for `year`. */
export async function loadProvince(year: number): Promise<ProvinceData> {
  // One mark per read of the whole province (every commune read and assessed): how often a screen
  // pays it is counted by test/e2e/review-list-once.spec.ts. Never shown.
  performance.mark(PROVINCE_READ_MARK, { detail: { year } });
  const province = await reviewedProvince();
  const communes = await provinceCommunes(province);
  const { row: set, form } = await settingsOf(province, year);
  const deadlines: ListDeadlines = { dossier: form.dossierDeadline, decision: form.decisionDeadline };
  // The figures are judged on the dossier deadline, as the commune's own screens judge them.
  const asOf = deadlineIn(year + 1, deadlines.dossier, DEFAULT_DOSSIER_DEADLINE);
  // Rows are keyed by the commune's stable id (its code is a field with history).
  const codes = communes.map((c) => c.id);
  const [inputs, rows] = await Promise.all([buildProvinceInputs(codes, year, asOf, set?.difficultAreas ?? null), reviewRows(codes, year)]);
  const areas = new Set(form.difficultAreas);
  const sources = inputs.map((input, i): ListSource => {
    const code = codes[i]!;
    const { review } = reviewOf(input, rows.changes.get(code) ?? [], rows.sent.get(code) ?? [], rows.verdicts.get(code) ?? [], rows.register[i]);
    return {
      review,
      current: input.villages.length || input.figures || input.answers ? input : null,
      lastSync: rows.pulled[i] ?? null,
      // The dossier as sent says what is answered "Đạt"; before it is sent, the figures synced now.
      evidence: review.dossier || input.answers ? evidenceCount(review.dossier?.input ?? input, rows.files.get(code) ?? []) : null,
      difficultArea: areas.has(code) || !!input.figures?.difficultArea,
    };
  });
  return { province, communes, sources, deadlines };
}

/** One commune's review as its screen shows it. */
export interface ReviewDetail {
  review: CommuneReview;
  /** The version under review (1, 2, …) and when it was sent; null while not sent. */
  version: number | null;
  sentAt: string | null;
  /** The version sent before this one, to show what changed. */
  previous: SentDossier | null;
  /** The engine's input from the figures synced now. */
  current: AssessInput;
  /** The register's titles of the commune, oldest first. */
  titles: Title[];
  /** This year's register entry (reasons when not recognised). */
  register: RegisterRow | null;
  /** Every change of state, oldest first (who, when, why). */
  history: StateChangeRow[];
  /** This device may write review data (a province reviewer's enrolment). */
  canWrite: boolean;
  province: string | null;
}

/** One commune's review for `year`. */
export async function loadReviewDetail(code: string, year: number): Promise<ReviewDetail> {
  const province = await reviewedProvince();
  const { row: set, form } = await settingsOf(province, year);
  const asOf = deadlineIn(year + 1, form.dossierDeadline, DEFAULT_DOSSIER_DEADLINE);
  const [[input], rows, register] = await Promise.all([buildProvinceInputs([code], year, asOf, set?.difficultAreas ?? null), reviewRows([code], year), (await repo().review()).listRegister(code)]);
  const changes = rows.changes.get(code) ?? [];
  const r = reviewOf(input!, changes, rows.sent.get(code) ?? [], rows.verdicts.get(code) ?? [], rows.register[0]);
  const titles = register
    .filter((e): e is RegisterRow & { level: LevelNo; date: string } => e.outcome === 'recognised' && !!e.level && !!e.date)
    .map((e) => titleOf({ level: e.level, decidedOn: e.date, number: e.number ?? undefined }));
  return {
    review: r.review,
    version: r.current ? r.current.version : null,
    sentAt: r.current?.sentAt ?? null,
    previous: r.previous ? sentOf(r.previous) : null,
    current: input!,
    titles,
    register: r.register ?? null,
    history: [...changes].sort((a, b) => a.step - b.step),
    canWrite: (await getMeta('role')) === 'reviewer',
    province,
  };
}

/** The council of `year`, when recorded. */
export async function loadCouncil(year: number): Promise<{ council: Council | null; province: string | null }> {
  const province = await reviewedProvince();
  const row = province ? await (await repo().review()).getCouncil(province, year) : undefined;
  if (!row) return { council: null, province };
  return {
    province,
    council: { members: (row.members ?? []) as Council['members'], appraisal: (row.appraisal ?? { kind: 'meeting' }) as Council['appraisal'], established: (row.established ?? undefined) as Council['established'] },
  };
}

/** The province settings, the communes they name, and whether this device may change them. */
export async function loadSettings(year: number): Promise<{ form: SettingsForm; communes: CommuneRow[]; canWrite: boolean; province: string | null }> {
  const province = await reviewedProvince();
  const communes = await provinceCommunes(province);
  return { form: (await settingsOf(province, year)).form, communes, canWrite: (await getMeta('role')) === 'reviewer', province };
}

/** The province's settings and council as the receiver's papers read them. */
export async function loadPaperBasis(year: number): Promise<Pick<ReviewYear, 'settings' | 'council'>> {
  const [s, c] = await Promise.all([loadSettings(year), loadCouncil(year)]);
  const row = s.province ? await repo().getProvinceSettings(s.province, year) : undefined;
  const settings = provinceSettingsOf(s.province ?? '', s.form);
  // Offices as stored (their abbreviations, drafting units, signers) win over the ones made from the names.
  if (row?.receiver) settings.receiver = { ...settings.receiver, ...row.receiver } as typeof settings.receiver;
  if (row?.decider) settings.decider = { ...settings.decider, ...row.decider } as typeof settings.decider;
  if (row?.decisionBasis) settings.decisionBasis = row.decisionBasis;
  if (row?.place) settings.place = row.place;
  return { settings, council: c.council ?? { members: [], appraisal: { kind: 'meeting' } } };
}

/** Everything the year's receiver papers read, from this device's data. */
export async function loadReviewYear(year: number): Promise<ReviewYear> {
  const [p, basis] = await Promise.all([loadProvince(year), loadPaperBasis(year)]);
  return { year, ...basis, communes: p.sources.map((x) => x.review) };
}
