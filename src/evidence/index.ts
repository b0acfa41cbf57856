// Evidence files (minh chứng) on the phone: the one entry point of src/evidence. Lazy by design:
// nothing on the first-load path imports it (the attach screen loads it with import()).
export { prepareEvidenceFile, type PreparedEvidence, type PrepareOptions } from './prepare.ts';
export { EVIDENCE_ERROR_CODES, EvidenceFileError, evidenceErrorMessage, STAGE_LABELS, type EvidenceErrorCode, type EvidenceErrorParams, type EvidenceProgress, type EvidenceStage } from './messages.ts';
export { sha256Hex, sha256Method } from './hash/sha256.ts';
export { stopCompressWorker, type CompressMode } from './compress/client.ts';
