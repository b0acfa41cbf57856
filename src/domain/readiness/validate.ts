// Validation of an untrusted readiness input (a file, an import, a request body) before assess().
// Pure; refuses the input as a whole with every problem found, never repairs it.

import * as v from 'valibot';
import type { AssessInput } from '../assess-types.ts';
import { DEFAULT_CATALOG_ID, getCatalog } from '../catalog/index.ts';
import type { Catalog } from '../catalog/types.ts';
import { makeAssessInputSchema } from '../schemas/assess-input.ts';
import { toProblems, type Problem } from '../schemas/problems.ts';

export type ValidateResult = { ok: true; input: AssessInput } | { ok: false; problems: Problem[] };

const schemas = new WeakMap<Catalog, ReturnType<typeof makeAssessInputSchema>>();

function schemaFor(catalog: Catalog) {
  let s = schemas.get(catalog);
  if (!s) {
    s = makeAssessInputSchema(catalog);
    schemas.set(catalog, s);
  }
  return s;
}

/** Checks parsed JSON against the readiness input format; problems carry paths like `villages[3].households`. */
export function validateAssessInput(json: unknown): ValidateResult {
  // Answers are checked against the catalog the input names (or the default one,
  // so an unknown catalog id still gets the rest of the input checked).
  const named = json && typeof json === 'object' ? (json as { catalog?: unknown }).catalog : undefined;
  const catalog = (typeof named === 'string' ? getCatalog(named) : undefined) ?? getCatalog(DEFAULT_CATALOG_ID)!;
  const r = v.safeParse(schemaFor(catalog), json);
  if (r.success) return { ok: true, input: r.output as AssessInput };
  return { ok: false, problems: toProblems(r.issues) };
}
