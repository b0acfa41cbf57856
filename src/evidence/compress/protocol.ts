// The messages between the page (client.ts) and the compression worker (worker.ts). Both sides
// import these types; nothing else crosses. Blobs travel by reference (structured clone).
import type { EvidenceStage } from '../messages.ts';
import type { CompressInput, CompressOutput } from './pipeline.ts';

export interface CompressRequest {
  id: number;
  input: CompressInput;
}

export type WorkerReply =
  | { id: number; kind: 'progress'; stage: EvidenceStage; fraction: number }
  | { id: number; kind: 'done'; output: CompressOutput }
  /** The worker cannot do this kind of job at all (no OffscreenCanvas 2D): use the page. */
  | { id: number; kind: 'unsupported' }
  | { id: number; kind: 'failed'; reason: 'decode' | 'other'; detail: string };
