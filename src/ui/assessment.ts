// One assessment per commune and year, made in ONE place for every screen (Tổng quan, Mức độ,
// Tiêu chí, Hồ sơ): the engine's input from what this device holds, the same `asOf` (the signing
// date once typed, else the province's dossier deadline) and the same history, so no two screens
// can disagree. Never judges anything itself: assess() does.
import { buildAssessInput, getCommune, getDossier, evidenceStore, repo, type AttachmentRow, type CommuneRow, type DossierRow } from '../db/index.ts';
import type { AssessInput, AssessOutput } from '../domain/assess-types.ts';
import { assess } from '../domain/readiness/assess.ts';
import { requestPlan, type RequestPlan } from '../domain/readiness/request.ts';
import { isRealDate } from '../domain/schemas/dates.ts';
import { DEFAULT_DOSSIER_DEADLINE, deadlineIn } from '../dossier/deadlines.ts';

export interface Assessment {
  input: AssessInput;
  output: AssessOutput;
  /** What the year's dossier should ask for (or why nothing). */
  plan: RequestPlan;
  /** Where `asOf` came from: the date the papers are signed, or the dossier deadline. */
  asOfFrom: 'signed' | 'deadline';
  commune: CommuneRow | undefined;
  dossier: DossierRow | undefined;
  /** The year's evidence files (metadata; removed ones left out): the papers cite them. */
  files: AttachmentRow[];
}

/**
 * The day the dossier of `year` is judged on: the signing date typed in the dossier when it is a
 * real date after the year, else the province's dossier deadline (default 28/02 of the year after).
 */
export function assessmentDate(year: number, commune: Pick<CommuneRow, 'dossierDeadline'> | undefined, dossier: DossierRow | undefined): { asOf: string; from: 'signed' | 'deadline' } {
  const signed = dossier?.docDate;
  if (isRealDate(signed) && signed >= `${year + 1}-01-01`) return { asOf: signed, from: 'signed' };
  return { asOf: deadlineIn(year + 1, commune?.dossierDeadline, DEFAULT_DOSSIER_DEADLINE), from: 'deadline' };
}

/** The engine's result of an input built from synced rows (the reviewer's province list: one per commune). */
export function assessSynced(input: AssessInput): AssessOutput {
  return assess(input);
}

/** The assessment of one commune and year, as every screen shows it. */
export async function loadAssessment(commune: string, year: number): Promise<Assessment> {
  const [own, dossier, attached] = await Promise.all([getCommune(commune), getDossier(commune, year), evidenceStore().then((m) => m.listAttachments(repo(), commune, year))]);
  const row = await withProvinceSettings(own, year);
  const { asOf, from } = assessmentDate(year, row, dossier);
  const input = await buildAssessInput(commune, year, asOf);
  // Decisions made after the dossier date (e.g. the one this dossier led to) are not yet history.
  if (input.history) {
    input.history = input.history.filter((d) => d.decidedOn <= asOf);
    if (input.history.length === 0) delete input.history;
  }
  const output = assess(input);
  return { input, output, plan: requestPlan(output, input), asOfFrom: from, commune: row, dossier, files: attached };
}

/**
 * The commune's row with what its province set for the year (issue #14, synced from the province):
 * the receiving body and the deadlines replace the commune's own values when the province set them.
 */
async function withProvinceSettings(row: CommuneRow | undefined, year: number): Promise<CommuneRow | undefined> {
  if (!row?.province) return row;
  const s = await repo().getProvinceSettings(row.province, year);
  if (!s) return row;
  return {
    ...row,
    ...(s.receiver?.name ? { recipient: s.receiver.name } : {}),
    ...(s.dossierDeadline ? { dossierDeadline: s.dossierDeadline } : {}),
    ...(s.decisionDeadline ? { decisionDeadline: s.decisionDeadline } : {}),
  };
}
