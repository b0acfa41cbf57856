// The valibot schemas of the province's review fields (issue #14): a choice among codes, a moment,
// a SHA-256 digest, the dossier as sent, the council's members and appraisal, an office, a paper's
// number and date, a list of commune ids. Their outputs are the shapes the receiver's papers read
// (src/review/papers/types.ts takes its types from here). Lazy (valibot), like every schema.
import * as v from 'valibot';
import { COUNCIL_ROLES } from '../review/codes.ts';
import { CODE_RE, isReservedKey } from '../sync/limits.ts';
import { dateSchema, levelNoSchema, nonEmptyText, objectMessage, strict, textSchema } from './blocks.ts';
import type { LabelName } from './labels.ts';
import { msg } from './problems.ts';
import { nameText, textField } from './text.ts';

/** One of `choices`. */
/* @__NO_SIDE_EFFECTS__ */
export function choiceSchema(label: LabelName, choices: readonly string[]) {
  return v.picklist(choices as string[], msg('pb.notChoice', { label, choices: choices.join(', ') }));
}

/** An ISO date-time in UTC as Date#toISOString writes it. */
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;

/* @__NO_SIDE_EFFECTS__ */
export function instantSchema(label: LabelName) {
  return v.pipe(
    textSchema(label),
    v.check((s: string) => INSTANT_RE.test(s) && !Number.isNaN(Date.parse(s)), msg('pb.notInstant', { label })),
  );
}

/* @__NO_SIDE_EFFECTS__ */
export function hashSchema(label: LabelName) {
  return v.pipe(textSchema(label), v.regex(/^[0-9a-f]{64}$/, msg('pb.notHash', { label })));
}

/** Số và ngày của một văn bản: { number, date }; `issuer` where the paper names who issued it. */
/* @__NO_SIDE_EFFECTS__ */
export function paperRefSchema(label: LabelName) {
  return strict({
    number: v.optional(nameText('evidenceNumber')),
    date: v.optional(dateSchema('evidenceDate')),
    issuer: v.optional(nameText('evidenceIssuer')),
  }, { label });
}

/** An office that receives, appraises or decides (the papers' Office); `label` names it in its object's messages. */
/* @__NO_SIDE_EFFECTS__ */
export function officeSchema(label: LabelName) {
  return strict({
    name: nonEmptyText('officeName'),
    headerName: v.optional(nameText('officeHeaderName')),
    parent: v.optional(nameText('officeParent')),
    abbr: nonEmptyText('officeAbbr'),
    draftingUnit: v.optional(nameText('officeDraftingUnit')),
    signerAuthority: v.optional(nameText('officeSignerAuthority')),
    signerTitle: nonEmptyText('officeSignerTitle'),
    signerName: v.optional(nameText('officeSignerName')),
  }, { label });
}

/** Most members a council may list (far above any real one; bounds the record). */
export const COUNCIL_MAX = 51;

/** One member: họ tên, chức vụ, cơ quan/tổ chức đại diện, vai trò. */
export const memberSchema = strict({
  name: nonEmptyText('memberName'),
  position: v.optional(nameText('memberPosition')),
  organisation: nonEmptyText('memberOrganisation'),
  role: choiceSchema('memberRole', COUNCIL_ROLES),
}, { label: 'councilMember' });

export const membersSchema = v.pipe(
  v.array(memberSchema, msg('pb.notList', { label: 'councilMembers' })),
  v.maxLength(COUNCIL_MAX, msg('pb.councilMax', { max: COUNCIL_MAX })),
);

const clock = (label: LabelName) => v.pipe(textSchema(label), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, msg('pb.notClock', { label })));

/** A meeting (date, place, start, end) or written opinions (the date they were gathered). */
export const appraisalSchema = v.variant('kind', [
  v.strictObject({
    kind: v.literal('meeting'),
    date: v.optional(dateSchema('meetingDate')),
    place: v.optional(nameText('meetingPlace')),
    start: v.optional(clock('meetingStart')),
    end: v.optional(clock('meetingEnd')),
  }, objectMessage({ label: 'appraisal' })),
  v.strictObject({
    kind: v.literal('written'),
    date: v.optional(dateSchema('writtenOpinionsDate')),
  }, objectMessage({ label: 'appraisal' })),
], msg('pb.appraisalKind', { label: 'appraisal' }));

/** Most communes a list may name. */
const MAX_COMMUNES = 1000;

/** A list of commune ids (no repeats). */
/* @__NO_SIDE_EFFECTS__ */
export function codesSchema(label: LabelName) {
  return v.pipe(
    v.array(
      v.pipe(v.string(), v.check((s: string) => CODE_RE.test(s) && !isReservedKey(s), msg('pb.notCommuneId', { label }))),
      msg('pb.notCommuneIds', { label }),
    ),
    v.maxLength(MAX_COMMUNES, msg('pb.tooManyCommunes', { label, max: MAX_COMMUNES })),
    v.check((l: string[]) => new Set(l).size === l.length, msg('pb.communeTwice', { label })),
  );
}

/** Longest text of one paper in a snapshot. */
export const MAX_PAPER_LENGTH = 200_000;

/** What the Tờ trình asked for: first recognition, a higher level, or re-recognition, at a level. */
const requestSchema = strict({
  kind: choiceSchema('requestKind', ['first', 'upgrade', 'renewal']),
  level: levelNoSchema,
  number: v.optional(nameText('evidenceNumber')),
  date: v.optional(dateSchema('evidenceDate')),
}, { label: 'request' });

let snapshot: v.GenericSchema | undefined;

const objectOf = (label: LabelName) => v.pipe(v.record(v.string(), v.unknown(), msg('pb.notObject', { label })));

/**
 * The dossier as sent: `input` (the readiness input of assess-format.md: figures, villages,
 * answers with their evidence, history), `output` (the engine's result of it), `request`, and
 * `papers` (each paper's text by its name). Here only its outline: the server checks `input`
 * with the readiness input's own schema (validateAssessInput) and computes `output` again, which
 * must be equal (schemas.ts is imported by entities.ts, so this module may not import it back).
 */
export function snapshotSchema(): v.GenericSchema {
  snapshot ??= strict({
    input: objectOf('snapshotInput'),
    output: v.pipe(
      v.record(v.string(), v.unknown()),
      v.check((o) => typeof o.catalog === 'string' && Number.isSafeInteger(o.year), msg('pb.malformed', { label: 'snapshotOutput' })),
    ),
    request: v.nullable(requestSchema),
    papers: v.optional(v.record(
      v.pipe(v.string(), v.regex(/^[a-z][a-zA-Z0-9-]{0,63}$/, msg('pb.badName', { label: 'paperName' }))),
      textField('paperText', { max: MAX_PAPER_LENGTH, multiline: true }),
    )),
  }, { label: 'snapshot' }) as v.GenericSchema;
  return snapshot;
}

/** Types of the shapes, from their schemas (the receiver's papers take these values as they are). */
export type PaperRefValue = v.InferOutput<ReturnType<typeof paperRefSchema>>;
export type OfficeValue = v.InferOutput<ReturnType<typeof officeSchema>>;
export type CouncilMemberValue = v.InferOutput<typeof memberSchema>;
export type AppraisalValue = v.InferOutput<typeof appraisalSchema>;
