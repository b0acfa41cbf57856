// The part `evidence` in English: the same codes as vi/evidence.ts, the compiler checks that none is missing.
import type { Mirror } from '../words.ts';
import type { EvidenceErrorParams, words as vi } from '../vi/evidence.ts';

const nf = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const n = (x: number | undefined): string => (x === undefined ? '?' : nf.format(x));
const q = (p: EvidenceErrorParams): string => (p.name ? `“${p.name}”` : 'chosen');

export const words: Mirror<typeof vi> = {
  'evidence.empty-file': (p: EvidenceErrorParams) => `The file ${q(p)} is empty. Please choose the file again.`,
  'evidence.file-unreadable': (p: EvidenceErrorParams) => `The file ${q(p)} could not be read: it may have been deleted, moved or not fully downloaded. Please choose it again.`,
  'evidence.unsupported-type': (p: EvidenceErrorParams) => `The file ${q(p)} is neither a photo nor a PDF. Only photos (JPG, PNG) and PDF files can be attached.`,
  'evidence.heic-unsupported': (p: EvidenceErrorParams) => `The photo ${q(p)} is in HEIC format, which this phone cannot open. Please choose a JPG photo or take a new one.`,
  'evidence.pdf-too-large': (p: EvidenceErrorParams) => `The PDF ${q(p)} is ${n(p.sizeMb)} MB, above the ${n(p.maxMb)} MB limit. Scan it at a lower resolution or split it into smaller files.`,
  'evidence.pdf-damaged': (p: EvidenceErrorParams) => `The PDF ${q(p)} is incomplete (not fully downloaded, or damaged). Open it on the phone, then choose it again.`,
  'evidence.photo-too-large': (p: EvidenceErrorParams) => `The photo ${q(p)} is ${n(p.sizeMb)} MB, too large to process on a phone (limit ${n(p.maxMb)} MB). Take it again at a lower resolution.`,
  'evidence.photo-too-many-pixels': (p: EvidenceErrorParams) => `The photo ${q(p)} is too large (${n(p.megapixels)} megapixels, limit ${n(p.maxMegapixels)}). Take it again at a lower resolution.`,
  'evidence.image-unreadable': (p: EvidenceErrorParams) => `The photo ${q(p)} could not be opened: it may be damaged, or the phone is short of memory. Close other apps and retry, or take the photo again.`,
  'evidence.compress-failed': (p: EvidenceErrorParams) => `The photo ${q(p)} could not be compressed. Please retry; if it still fails, take the photo again.`,
  'evidence.aborted': (p: EvidenceErrorParams) => `Processing of ${q(p)} was stopped.`,
  'evidence.stage.read': 'Reading the file…',
  'evidence.stage.decode': 'Opening the photo…',
  'evidence.stage.resize': 'Resizing the photo…',
  'evidence.stage.encode': 'Compressing the photo…',
  'evidence.stage.thumbnail': 'Making the thumbnail…',
  'evidence.stage.hash': 'Checking the file…',
  'evidence.stage.done': 'Done',
};
