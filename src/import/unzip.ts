// Opens an .xlsx (a zip of XML parts) with hard limits before any spreadsheet code sees it: reads
// the zip's own directory, refuses encrypted entries, and inflates each XML part in small steps,
// stopping as soon as the parts together pass MAX_UNPACKED_BYTES (a zip bomb lies about its sizes,
// so the real output is counted, not the declared one). Returns the parts, repacked uncompressed,
// for read-excel-file. Pure; never trusts a size or an offset it has not checked.
import { Inflate, zipSync } from 'fflate';
import { MAX_UNPACKED_BYTES, SheetRefusal } from './refusal.ts';

/** One inflate step: small enough that even the worst ratio (~1 000:1) stays a few MB per step. */
const STEP = 4096;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const damaged = () => new SheetRefusal('damaged');

function u16(b: Uint8Array, at: number): number {
  if (at + 2 > b.length) throw damaged();
  return b[at]! | (b[at + 1]! << 8);
}
function u32(b: Uint8Array, at: number): number {
  if (at + 4 > b.length) throw damaged();
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** The entries of the zip's central directory. */
function entriesOf(zip: Uint8Array): Entry[] {
  // End of central directory: 22 bytes, then a comment of up to 65 535 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (u32(zip, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged();
  const count = u16(zip, eocd + 10);
  const dirOffset = u32(zip, eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw damaged(); // zip64: no sheet of ours needs it
  const names = new TextDecoder('utf-8');
  const out: Entry[] = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (u32(zip, at) !== 0x02014b50) throw damaged();
    const nameLen = u16(zip, at + 28);
    const extraLen = u16(zip, at + 30);
    const commentLen = u16(zip, at + 32);
    if (at + 46 + nameLen > zip.length) throw damaged();
    out.push({
      flags: u16(zip, at + 8),
      method: u16(zip, at + 10),
      compressedSize: u32(zip, at + 20),
      size: u32(zip, at + 24),
      localOffset: u32(zip, at + 42),
      name: names.decode(zip.subarray(at + 46, at + 46 + nameLen)),
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The bytes of one entry's data, from its local header. */
function dataOf(zip: Uint8Array, e: Entry): Uint8Array {
  const at = e.localOffset;
  if (u32(zip, at) !== 0x04034b50) throw damaged();
  const start = at + 30 + u16(zip, at + 26) + u16(zip, at + 28);
  const end = start + e.compressedSize;
  if (end > zip.length) throw damaged();
  return zip.subarray(start, end);
}

/** The parts read-excel-file reads: XML and relationship files. */
function wanted(name: string): boolean {
  return name.endsWith('.xml') || name.endsWith('.rels');
}

/**
 * Unpacks the XML parts of an .xlsx within the limits and repacks them uncompressed (read-excel-file
 * then only slices them). `onProgress(done, total)` counts compressed bytes read.
 */
export function unpackXlsx(zip: Uint8Array, onProgress?: (done: number, total: number) => void): Uint8Array {
  const all = entriesOf(zip);
  const has = (name: string) => all.some((e) => e.name === name);
  // Other zips people mistake for a workbook: a LibreOffice sheet, a Word or PowerPoint file.
  if (has('content.xml') && has('mimetype')) throw new SheetRefusal('ods');
  if (has('word/document.xml') || has('ppt/presentation.xml')) throw new SheetRefusal('not-a-sheet');
  const entries = all.filter((e) => wanted(e.name));
  if (entries.some((e) => (e.flags & 1) !== 0)) throw new SheetRefusal('password');
  let declared = 0;
  for (const e of entries) declared += e.size;
  if (declared > MAX_UNPACKED_BYTES) throw new SheetRefusal('too-big-unpacked');
  const total = entries.reduce((s, e) => s + e.compressedSize, 0);
  let read = 0;
  let unpacked = 0;
  // Null-prototype: entry names come from the file.
  const files: Record<string, Uint8Array> = Object.create(null) as Record<string, Uint8Array>;
  for (const e of entries) {
    const data = dataOf(zip, e);
    let out: Uint8Array;
    if (e.method === 0) {
      if (e.compressedSize !== e.size) throw damaged();
      unpacked += data.length;
      if (unpacked > MAX_UNPACKED_BYTES) throw new SheetRefusal('too-big-unpacked');
      out = data.slice();
    } else if (e.method === 8) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      const inflate = new Inflate((chunk) => {
        size += chunk.length;
        unpacked += chunk.length;
        if (unpacked > MAX_UNPACKED_BYTES) throw new SheetRefusal('too-big-unpacked');
        chunks.push(chunk);
      });
      try {
        for (let i = 0; i < data.length; i += STEP) inflate.push(data.subarray(i, i + STEP), i + STEP >= data.length);
        if (data.length === 0) inflate.push(new Uint8Array(0), true);
      } catch (err) {
        if (err instanceof SheetRefusal) throw err;
        throw damaged();
      }
      if (size !== e.size) throw damaged();
      out = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
    } else {
      throw damaged();
    }
    files[e.name] = out;
    read += e.compressedSize;
    onProgress?.(read, total);
  }
  if (!files['xl/workbook.xml'] || !files['xl/_rels/workbook.xml.rels']) throw damaged();
  return zipSync(files, { level: 0 });
}
