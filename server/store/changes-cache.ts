// The recent change feed of each commune, kept in memory by the process that wrote it: its ops,
// each turned into the ChangeOp JSON the SQLite query would build when a page first needs it
// (not at commit: ingest pays nothing for it). Phones pull the ops of the last seconds again and
// again (every phone of a commune pulls every op), and reading them back from SQLite row by row
// was the event loop's largest cost under a push-and-pull load. Pure and bounded; the store
// serves a page from it only when it holds every op from the cursor up to the commune's last
// committed seq (read from the database for every page), else it asks SQLite as before.
import type { Op } from '../../src/domain/sync/op.ts';
import type { ChangesPage } from './store.ts';

/** Ops kept per commune (the newest), and communes kept (the most recently written). */
export const CACHED_OPS_PER_COMMUNE = 1000;
export const CACHED_COMMUNES = 128;

interface Feed {
  /** Seq of ops[0]. */
  lo: number;
  ops: Op[];
  /** Each op's ChangeOp JSON and its UTF-8 length, made when a page first needs it. */
  json: (string | undefined)[];
  bytes: number[];
}

/** The ChangeOp JSON of an op with its seq, byte for byte as the SQLite store's query writes it. */
export function changeOpJson(op: Op, seq: number, fieldsJson: string = JSON.stringify(op.fields)): string {
  return `{"seq":${seq},"opId":${JSON.stringify(op.opId)},"entity":${JSON.stringify(op.entity)},"key":${JSON.stringify(op.key)},"fields":${fieldsJson},"hlc":${JSON.stringify(op.hlc)}${op.prev ? `,"prev":${JSON.stringify(op.prev)}` : ''}}`;
}

export function createChangesCache(perCommune = CACHED_OPS_PER_COMMUNE, communes = CACHED_COMMUNES) {
  const feeds = new Map<string, Feed>();
  return {
    /**
     * Ops just committed with the seqs first..first+ops.length-1. When they do not follow what is
     * kept (another process wrote in between), the commune's feed starts again from them.
     */
    add(commune: string, first: number, ops: readonly Op[]): void {
      if (!ops.length) return;
      let feed = feeds.get(commune);
      if (!feed || feed.lo + feed.ops.length !== first) feed = { lo: first, ops: [], json: [], bytes: [] };
      feeds.delete(commune); // re-inserted last: the Map's order is the order of writing
      feeds.set(commune, feed);
      // Kept as they are: a batch nobody pulls (yet) costs no JSON on the event loop.
      for (const op of ops) feed.ops.push(op);
      if (feed.ops.length > perCommune * 1.5) {
        const drop = feed.ops.length - perCommune;
        feed.ops = feed.ops.slice(drop);
        feed.json = feed.json.slice(drop);
        feed.bytes = feed.bytes.slice(drop);
        feed.lo += drop;
      }
      while (feeds.size > communes) feeds.delete(feeds.keys().next().value!);
    },
    /**
     * The page of ops after `since` (at most `limit`, about `maxBytes`, at least one), when the
     * feed holds them all and `lastSeq` (the commune's committed seq) is its last; else null.
     */
    page(commune: string, since: number, limit: number, maxBytes: number, lastSeq: number): ChangesPage | null {
      const feed = feeds.get(commune);
      if (!feed || since < feed.lo - 1 || since >= lastSeq || feed.lo + feed.ops.length - 1 !== lastSeq) return null;
      const json: string[] = [];
      let bytes = 0;
      let i = since + 1 - feed.lo;
      for (; i < feed.ops.length; i++) {
        let text = feed.json[i];
        if (text === undefined) {
          feed.json[i] = text = changeOpJson(feed.ops[i]!, feed.lo + i);
          feed.bytes[i] = Buffer.byteLength(text);
        }
        const size = feed.bytes[i]!;
        if (json.length === limit || (json.length > 0 && bytes + size > maxBytes)) break;
        bytes += size;
        json.push(text);
      }
      return { json, lastSeq: since + json.length, hasMore: i < feed.ops.length };
    },
  };
}
