// What the reviewer's screens read from this device: the communes of its province (every one it
// pulled), each one's engine input of the year from the synced figures, the engine's result, and
// its review (state, sent dossier, verdicts, decision). One read per table for the whole province,
// so the list opens offline from IndexedDB alone. Judges nothing itself: assess() and
// src/review do. Never writes.
import { buildProvinceInputs, getCommune, getMeta, listCommunes, listDecisions, type CommuneRow } from '../../db/index.ts';
import type { AssessInput } from '../../domain/assess-types.ts';
import { assess } from '../../domain/readiness/assess.ts';
import { DEFAULT_DECISION_DEADLINE, DEFAULT_DOSSIER_DEADLINE, deadlineIn } from '../../dossier/deadlines.ts';
import type { ListDeadlines, ListSource } from '../../review/list.ts';
import { titleOf, type Title } from '../../review/decide.ts';
import { provinceSettingsOf, type SettingsForm } from '../../review/settings.ts';
import type { CommuneReview, Council, ReviewYear, SentDossier } from '../../review/papers/types.ts';

export interface ProvinceData {
  province: string | null;
  communes: CommuneRow[];
  sources: ListSource[];
  deadlines: ListDeadlines;
}

/** The province this device reviews: its enrolment's commune's province, else the open commune's. */
export async function reviewedProvince(): Promise<string | null> {
  const code = (await getMeta<string>('enrolledCommune')) ?? (await getMeta<string>('currentCommune'));
  const c = code ? await getCommune(code) : undefined;
  return c?.province?.trim() || null;
}

/** The review of a commune with no review data yet on this device: not sent, with the engine's result. */
function unsent(input: AssessInput): CommuneReview {
  return { commune: { code: input.commune.code, name: input.commune.name }, state: 'draft', computed: assess(input) };
}

/** Everything the province's list shows, for `year`. */
export async function loadProvince(year: number): Promise<ProvinceData> {
  const province = await reviewedProvince();
  const all = await listCommunes();
  const communes = province ? all.filter((c) => c.province?.trim() === province) : all;
  const first = communes[0];
  const deadlines: ListDeadlines = { dossier: first?.dossierDeadline ?? null, decision: first?.decisionDeadline ?? null };
  // The figures are judged on the dossier deadline, as the commune's own screens judge them.
  const asOf = deadlineIn(year + 1, deadlines.dossier, DEFAULT_DOSSIER_DEADLINE);
  const inputs = await buildProvinceInputs(communes.map((c) => c.code), year, asOf);
  const sources = inputs.map((input): ListSource => ({
    review: unsent(input),
    current: input.villages.length || input.figures || input.answers ? input : null,
    lastSync: null,
    evidence: null,
    difficultArea: !!input.figures?.difficultArea,
  }));
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
  /** This device may write review data (a province reviewer's enrolment). */
  canWrite: boolean;
}

/** One commune's review for `year`. */
export async function loadReviewDetail(code: string, year: number): Promise<ReviewDetail> {
  const c = await getCommune(code);
  const asOf = deadlineIn(year + 1, c?.dossierDeadline, DEFAULT_DOSSIER_DEADLINE);
  const [current] = await buildProvinceInputs([code], year, asOf);
  const titles = (await listDecisions(code)).map((d) => titleOf({ level: d.level, decidedOn: d.decidedOn, number: d.number }));
  return { review: unsent(current!), version: null, sentAt: null, previous: null, current: current!, titles, canWrite: (await getMeta('role')) === 'reviewer' };
}

/** The council of `year`, when recorded. */
export async function loadCouncil(year: number): Promise<{ council: Council | null }> {
  void year;
  return { council: null };
}

/** The province settings, the communes they name, and whether this device may change them. */
export async function loadSettings(): Promise<{ form: SettingsForm; communes: CommuneRow[]; canWrite: boolean }> {
  const province = await reviewedProvince();
  const communes = (await listCommunes()).filter((c) => !province || c.province?.trim() === province);
  const form: SettingsForm = {
    receiverName: province ? `Sở Giáo dục và Đào tạo tỉnh ${province}` : '',
    receiverAddress: '',
    deciderName: province ? `Ủy ban nhân dân tỉnh ${province}` : '',
    signerTitle: 'Chủ tịch',
    dossierDeadline: DEFAULT_DOSSIER_DEADLINE,
    decisionDeadline: DEFAULT_DECISION_DEADLINE,
    guidanceLetter: '',
    difficultAreas: [],
  };
  return { form, communes, canWrite: (await getMeta('role')) === 'reviewer' };
}

/** Everything the year's receiver papers read, from this device's data. */
export async function loadReviewYear(year: number): Promise<ReviewYear> {
  const [p, s, c] = await Promise.all([loadProvince(year), loadSettings(), loadCouncil(year)]);
  return {
    year,
    settings: provinceSettingsOf(p.province ?? '', s.form),
    council: c.council ?? { members: [], appraisal: { kind: 'meeting' } },
    communes: p.sources.map((x) => x.review),
  };
}
