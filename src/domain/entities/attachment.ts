// Tệp minh chứng — one evidence file (a photo or a scanned/typed PDF) attached to an indicator of a
// year's dossier, or to a recognition decision: its metadata only. The bytes never travel in an op:
// the phone keeps them in its blob table by SHA-256 and uploads them apart (PUT /api/v1/blobs/{sha256}),
// the server keeps each file once. A removal is an ordinary edit (`removed: true`), so two phones
// merge it like any field. A locked year takes no edit of its attachments.
import { defineEntity, flag, kept, name } from './define.ts';

export const attachment = defineEntity({
  name: 'attachment',
  label: { vi: 'Tệp minh chứng', en: 'Evidence file' },
  key: 'attachment',
  scope: 'commune',
  writers: ['collector', 'officer'],
  yearLock: 'frozen',
  fields: {
    indicator: name('indicator'),
    decision: name('decision'),
    sha256: kept('sha256', 'fileSha256'),
    type: kept('fileType', 'fileType'),
    size: kept('fileSize', 'fileSize'),
    fileName: name('fileName'),
    caption: name('caption'),
    number: name('evidenceNumber'),
    date: { kind: 'date', label: 'evidenceDate', clearable: true },
    issuer: name('evidenceIssuer'),
    removed: flag('removed'),
  },
  rules: [
    { kind: 'required', fields: ['sha256', 'type', 'size'] },
    { kind: 'exactlyOne', fields: ['indicator', 'decision'] },
    { kind: 'indicatorRef', field: 'indicator' },
  ],
  table: { name: 'attachments', keyProps: ['commune', 'year', 'id'], indexes: ['[commune+year]', 'commune', 'sha256'] },
});
