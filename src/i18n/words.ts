// FIRST-LOAD. The shape of the catalog and how one entry becomes words: a template with {name}
// placeholders, or a function of the parameters. Holds no words itself and imports nothing, so
// the page, the workers, the server and the CLI can all use it.

/** The parameters of a message: values it names (a count, a year, a label's key…). */
export type Params = object;

/** What the domain, the server and the data layer answer instead of a sentence. */
export interface Msg<C extends string = string> {
  code: C;
  params?: Params;
}

/** One message: a template (`'Năm {year} đã khóa'`) or a function of its parameters. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry knows its own params
export type Entry = string | ((p: any) => string);

/** A part of the catalog in one locale: code → entry. */
export type Table = Readonly<Record<string, Entry>>;

/** The English of a part: every code of its Vietnamese, no other (the compiler checks both). */
export type Mirror<T extends Table> = { readonly [K in keyof T]: Entry };

/** The words of one entry with its parameters; the code itself when the entry is missing (a bug to see). */
export function speak(entry: Entry | undefined, code: string, params?: Params): string {
  if (entry === undefined) return code;
  if (typeof entry === 'function') return entry(params ?? {});
  if (!params) return entry;
  const p = params as Record<string, unknown>;
  return entry.replace(/\{(\w+)\}/g, (m, name: string) => (name in p ? String(p[name]) : m));
}
