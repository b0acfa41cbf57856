// Hồ sơ đã gửi — one version of a commune's dossier of a year as the officer or the chair sent it,
// after the meeting locked the year: an immutable snapshot (the readiness input with its figures,
// answers and evidence list, the engine's output of it, the request, the papers' texts) and the
// SHA-256 of its canonical JSON. Written once; a new version is a new record (key …/version).
import { defineEntity, kept } from './define.ts';

export const submission = defineEntity({
  name: 'submission',
  label: { vi: 'Hồ sơ đã gửi', en: 'Dossier as sent' },
  key: 'version',
  scope: 'commune',
  writers: ['officer', 'chair'],
  immutable: true,
  fields: {
    snapshot: kept('snapshot'),
    contentHash: kept('hash', 'contentHash'),
    sentAt: kept('instant', 'sentAt'),
    sentBy: kept('requiredName', 'sentBy'),
  },
  rules: [{ kind: 'required', fields: ['snapshot', 'contentHash', 'sentAt', 'sentBy'] }],
  table: { name: 'submissions', keyProps: ['commune', 'year', 'version'], indexes: ['[commune+year]', 'commune'] },
});
