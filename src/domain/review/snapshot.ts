// The dossier as sent (the submission's snapshot): the readiness input with its figures, villages,
// answers and their evidence, the engine's output of it, the request of the Tờ trình, and each
// paper's text. Its content hash is the SHA-256 of canonicalText(snapshot): the phone computes it
// (WebCrypto), the server again (node:crypto), so neither can be told a different dossier was sent.
import type { AssessInput, AssessOutput, Evidence, LevelNo } from '../assess-types.ts';
import { canonicalJson } from '../sync/merge.ts';

/** What the Tờ trình asks for (the request plan of the dossier), with its number and date. */
export interface SnapshotRequest {
  kind: 'first' | 'upgrade' | 'renewal';
  level: LevelNo;
  number?: string | undefined;
  date?: string | undefined;
}

export interface SubmissionSnapshot {
  input: AssessInput;
  output: AssessOutput;
  /** Null when the engine found nothing to ask for (the commune may still send its report). */
  request: SnapshotRequest | null;
  /** Each paper's text by its name (`report`, `summary`, `request`, `minutes` …). */
  papers?: Record<string, string> | undefined;
}

/** The snapshot as plain JSON, as it travels and is stored (absent values dropped). */
export function plainSnapshot(s: SubmissionSnapshot): SubmissionSnapshot {
  return JSON.parse(JSON.stringify(s)) as SubmissionSnapshot;
}

/** The exact text the content hash is taken of: the plain JSON, keys sorted at every level, no spaces. */
export function canonicalText(s: SubmissionSnapshot): string {
  return canonicalJson(plainSnapshot(s));
}

/** The evidence list of a snapshot: every answer's evidence, by indicator, in the catalog's order of the input. */
export function evidenceOf(s: SubmissionSnapshot): { indicator: string; items: Evidence[] }[] {
  return Object.entries(s.input.answers ?? {})
    .filter(([, a]) => (a.evidence ?? []).length > 0)
    .map(([indicator, a]) => ({ indicator, items: a.evidence! }));
}
