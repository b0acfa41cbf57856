// The entity registry's entries: every entity that syncs, one file each, listed here. Add an
// entity by writing its file and listing it here; its op kind, wire schema, Dexie table,
// export/import and access follow. Never imported by the first load: the page's first screens
// read the entries' shapes (shapes.ts), not their fields, rules and labels.
import { answer } from './answer.ts';
import { attachment } from './attachment.ts';
import { commune } from './commune.ts';
import { communeFigures } from './commune-figures.ts';
import { council } from './council.ts';
import { decision } from './decision.ts';
import { dossier } from './dossier.ts';
import { provinceSettings } from './province-settings.ts';
import { registerEntry } from './register-entry.ts';
import { review } from './review.ts';
import { stateChange } from './state-change.ts';
import { submission } from './submission.ts';
import { village } from './village.ts';
import { villageCounts } from './village-counts.ts';

/** Every entity, by name, in the order files and screens list them. */
export const ENTITY_DEFS = {
  commune, village, villageCounts, communeFigures, answer, decision, dossier, attachment,
  // The province's review (issue #14): what a commune sent, its states, the verdicts, the council,
  // the register, the province's settings.
  submission, stateChange, review, council, registerEntry, provinceSettings,
} as const;
