// One commune's review (issue #14, item 4) as the reviewer's screen shows it: every indicator of
// the sent dossier, at the level asked for, with the commune's figure or answer and its evidence,
// the council's verdict and comment, and what changed from the version sent before (the figure,
// the answer, the evidence). Pure; the verdict rows and reasons are the papers' (verdicts.ts).
import type { Catalog } from '../domain/catalog/index.ts';
import { summaryRows } from '../dossier/model.ts';
import { communeVerdicts, type CommuneVerdicts, type VerdictRow } from './papers/verdicts.ts';
import type { CommuneReview, SentDossier } from './papers/types.ts';

/** A row of the review with what the version before said, when it said something else. */
export interface ReviewRow extends VerdictRow {
  before: { figure: string; evidence: string; status: VerdictRow['status'] } | null;
}

export interface CommuneReviewView {
  verdicts: CommuneVerdicts;
  rows: ReviewRow[];
  /** Indicators whose figure, answer or evidence differ from the version before. */
  changed: number;
}

/** The review of a sent dossier, compared with the version sent before it when given. */
export function reviewView(review: CommuneReview & { dossier: SentDossier }, catalog: Catalog, previous?: SentDossier | null): CommuneReviewView {
  const verdicts = communeVerdicts(review, catalog);
  const level = previous?.output.levels.find((l) => l.level === verdicts.level);
  const old = previous && level ? new Map(summaryRows({ input: previous.input, catalog }, level).map((r) => [r.id, r])) : null;
  const rows = verdicts.rows.map((r): ReviewRow => {
    const o = old?.get(r.id);
    const differs = r.kind === 'indicator' && !!o && (o.figure !== r.figure || o.evidence !== r.evidence || o.status !== r.status);
    return { ...r, before: differs ? { figure: o.figure, evidence: o.evidence, status: o.status } : null };
  });
  return { verdicts, rows, changed: rows.filter((r) => r.before).length };
}
