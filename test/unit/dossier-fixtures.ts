// The dossier of one readiness input, built as the Hồ sơ screen builds it: the engine's output and
// the one request plan of that output (src/domain/readiness/request.ts). Test helper only.
import type { AssessInput } from '../../src/domain/assess-types.ts';
import { tt25_2023 } from '../../src/domain/catalog/index.ts';
import { assess } from '../../src/domain/readiness/assess.ts';
import { requestPlan } from '../../src/domain/readiness/request.ts';
import { buildDossier, type DossierModel } from '../../src/dossier/model.ts';
import type { DossierTexts } from '../../src/dossier/texts.ts';
import type { EvidenceFileRef } from '../../src/dossier/evidence-list.ts';

export function dossierOf(input: AssessInput, texts: DossierTexts = {}, recipient?: string, files?: EvidenceFileRef[]): DossierModel {
  const output = assess(input);
  return buildDossier({
    input,
    output,
    plan: requestPlan(output, input),
    catalog: tt25_2023,
    texts,
    commune: { code: input.commune.code, name: input.commune.name, recipient },
    ...(files ? { files } : {}),
  });
}
