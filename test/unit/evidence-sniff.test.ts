// What a file is, by its first bytes: the kinds the phone accepts, refuses by name, or does not know.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSha256Hex, sniffKind } from '../../src/domain/evidence/index.ts';

const bytes = (...parts: Array<string | number[]>) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffKind', () => {
  it.each([
    ['jpeg', new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/evidence/exiftool-o6-II.jpg')).subarray(0, 16))],
    ['png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR')],
    ['webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')],
    ['gif', bytes('GIF89a')],
    ['pdf', bytes('%PDF-1.7\n%')],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0])],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0])],
    ['avif', bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0])],
    ['unknown', bytes('Biên bản họp')],
    ['unknown', bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 0, 0])], // an MP4 video
    ['unknown', new Uint8Array(0)],
    ['unknown', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt ')],
  ] as const)('%s', (kind, head) => {
    expect(sniffKind(head)).toBe(kind);
  });
});

describe('isSha256Hex', () => {
  it('only 64 lowercase hex digits', () => {
    expect(isSha256Hex('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toBe(true);
    expect(isSha256Hex('E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855')).toBe(false);
    expect(isSha256Hex('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85')).toBe(false);
    expect(isSha256Hex('../../../../etc/passwd')).toBe(false);
    expect(isSha256Hex(`${'a'.repeat(64)}\n`)).toBe(false);
    expect(isSha256Hex(42)).toBe(false);
  });
});
