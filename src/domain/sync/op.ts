// The unit of sync: one edit of some fields of one entity, made on one device.
// Keys always start with the commune, so the server can scope every op to a commune (src/domain/keys.ts).

/** The entities that sync: the registry's (src/domain/entities, one file each). */
export type { EntityName } from '../entities/index.ts';
import type { EntityName } from '../entities/index.ts';

/**
 * Entities older releases synced and this one has retired. `thresholds` (a province's own
 * thresholds) went with issue #11: the circular's thresholds are the law's. Their ops are dropped
 * quietly wherever they turn up: the phone's outbox (db.ts v3), an old export file, a pull.
 */
export const RETIRED_ENTITIES: ReadonlySet<string> = new Set(['thresholds']);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

/** One edit. `fields` holds only the fields this edit changed. */
export interface Op {
  opId: string; // UUID made on the device
  entity: EntityName;
  key: string;
  fields: Record<string, JsonValue>;
  hlc: string; // formatHlc stamp
  /**
   * Optional, per field: the HLC stamp of the value this edit replaced on the device (omit a field
   * that had no value). Lets the merge tell an informed overwrite from a concurrent edit, so a
   * person overwriting a value they had seen does not raise a conflict.
   */
  prev?: Record<string, string>;
}

