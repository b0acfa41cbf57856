// Dữ liệu mẫu: the demo commune's engine inputs (one per year), for loadDemoCommune.
// Lazy module (dynamic import from index.ts); owns no data of its own.
import type { AssessInput } from '../domain/assess-types.ts';

/** The demo commune, one AssessInput per year, oldest first. */
export async function demoInputs(): Promise<AssessInput[]> {
  throw new Error('Dữ liệu mẫu chưa sẵn sàng trong bản này.');
}
