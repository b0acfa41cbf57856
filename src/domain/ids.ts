// Stable ids of communes and villages (issue 13): a new commune (admin CLI) or village (the app,
// a sheet import) gets a fresh id, never its typed code, so its code can change and it can move
// without any key changing. Records from before stable ids keep their code as their id.
// Pure; first-load path (the village adder uses it).

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A fresh id: 16 characters, a letter then 15 of Crockford's base32 (75 random bits), so it fits
 * a key segment (CODE_RE) and cannot be mistaken for a typed code such as "T01" or "21085".
 */
export function newId(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const bytes = random(16);
  let out = ALPHABET[10 + (bytes[0]! % 22)]!;
  for (let i = 1; i < 16; i++) out += ALPHABET[bytes[i]! % 32]!;
  return out;
}
