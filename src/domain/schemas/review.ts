// The valibot schemas of the province's review fields (issue #14): a choice among codes, a moment,
// a SHA-256 digest, the dossier as sent, the council's members and appraisal, an office, a paper's
// number and date, a list of commune ids. Their outputs are the shapes the receiver's papers read
// (src/review/papers/types.ts takes its types from here). Lazy (valibot), like every schema.
import * as v from 'valibot';
import type { Text } from '../catalog/types.ts';
import { APPRAISAL_KINDS, COUNCIL_ROLES } from '../review/codes.ts';
import { CODE_RE, isReservedKey } from '../sync/limits.ts';
import { dateSchema, levelNoSchema, nonEmptyText, objectMessage, strict, textSchema } from './blocks.ts';
import { REVIEW_LABELS, OTHER_LABELS } from './labels.ts';
import { msg } from './problems.ts';
import { nameText, textField } from './text.ts';

/** One of `choices`. */
/* @__NO_SIDE_EFFECTS__ */
export function choiceSchema(label: Text, choices: readonly string[]) {
  return v.picklist(choices as string[], msg(`${label.vi} phải là một trong: ${choices.join(', ')}`, `${label.en} must be one of: ${choices.join(', ')}`));
}

/** An ISO date-time in UTC as Date#toISOString writes it. */
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;

/* @__NO_SIDE_EFFECTS__ */
export function instantSchema(label: Text) {
  return v.pipe(
    textSchema(label),
    v.check((s: string) => INSTANT_RE.test(s) && !Number.isNaN(Date.parse(s)), msg(
      `${label.vi} phải là thời điểm dạng YYYY-MM-DDTHH:MM:SSZ`,
      `${label.en} must be a moment written YYYY-MM-DDTHH:MM:SSZ`,
    )),
  );
}

/* @__NO_SIDE_EFFECTS__ */
export function hashSchema(label: Text) {
  return v.pipe(textSchema(label), v.regex(/^[0-9a-f]{64}$/, msg(`${label.vi} phải là 64 chữ số hệ 16`, `${label.en} must be 64 hex digits`)));
}

/** Số và ngày của một văn bản: { number, date }; `issuer` where the paper names who issued it. */
/* @__NO_SIDE_EFFECTS__ */
export function paperRefSchema(label: Text) {
  return strict({
    number: v.optional(nameText(OTHER_LABELS.evidenceNumber)),
    date: v.optional(dateSchema(OTHER_LABELS.evidenceDate)),
    issuer: v.optional(nameText(OTHER_LABELS.evidenceIssuer)),
  }, label);
}

/** An office that receives, appraises or decides (the papers' Office). */
/* @__NO_SIDE_EFFECTS__ */
export function officeSchema(label: Text) {
  const part = (vi: string, en: string) => ({ vi: `${label.vi}: ${vi}`, en: `${label.en}: ${en}` });
  return strict({
    name: nonEmptyText(part('tên', 'name')),
    headerName: v.optional(nameText(part('tên trên tiêu đề', 'name in the header'))),
    parent: v.optional(nameText(part('cơ quan chủ quản', 'parent body'))),
    abbr: nonEmptyText(part('chữ viết tắt', 'abbreviation')),
    draftingUnit: v.optional(nameText(part('đơn vị soạn thảo', 'drafting unit'))),
    signerAuthority: v.optional(nameText(part('thẩm quyền ký', 'signing authority'))),
    signerTitle: nonEmptyText(part('chức vụ người ký', "signer's title")),
    signerName: v.optional(nameText(part('họ tên người ký', "signer's name"))),
  }, label);
}

/** Most members a council may list (far above any real one; bounds the record). */
export const COUNCIL_MAX = 51;

const memberLabel: Text = { vi: 'Thành viên Hội đồng', en: 'Council member' };
/** One member: họ tên, chức vụ, cơ quan/tổ chức đại diện, vai trò. */
export const memberSchema = strict({
  name: nonEmptyText({ vi: 'Họ tên thành viên', en: "Member's name" }),
  position: v.optional(nameText({ vi: 'Chức vụ', en: 'Position' })),
  organisation: nonEmptyText({ vi: 'Cơ quan, tổ chức', en: 'Organisation' }),
  role: choiceSchema({ vi: 'Vai trò trong Hội đồng', en: 'Role in the council' }, COUNCIL_ROLES),
}, memberLabel);

export const membersSchema = v.pipe(
  v.array(memberSchema, msg(`${REVIEW_LABELS.councilMembers.vi} phải là một danh sách ([…])`, `${REVIEW_LABELS.councilMembers.en} must be a list ([…])`)),
  v.maxLength(COUNCIL_MAX, msg(`Hội đồng có tối đa ${COUNCIL_MAX} thành viên`, `A council has at most ${COUNCIL_MAX} members`)),
);

const clock = (label: Text) => v.pipe(textSchema(label), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, msg(`${label.vi} phải dạng HH:MM`, `${label.en} must be HH:MM`)));

/** A meeting (date, place, start, end) or written opinions (the date they were gathered). */
export const appraisalSchema = v.variant('kind', [
  v.strictObject({
    kind: v.literal('meeting'),
    date: v.optional(dateSchema({ vi: 'Ngày họp Hội đồng', en: 'Meeting date' })),
    place: v.optional(nameText({ vi: 'Địa điểm họp', en: 'Meeting place' })),
    start: v.optional(clock({ vi: 'Giờ bắt đầu', en: 'Start time' })),
    end: v.optional(clock({ vi: 'Giờ kết thúc', en: 'End time' })),
  }, objectMessage(REVIEW_LABELS.appraisal)),
  v.strictObject({
    kind: v.literal('written'),
    date: v.optional(dateSchema({ vi: 'Ngày tổng hợp ý kiến', en: 'Date the opinions were gathered' })),
  }, objectMessage(REVIEW_LABELS.appraisal)),
], msg(`${REVIEW_LABELS.appraisal.vi} phải là họp (meeting) hoặc lấy ý kiến bằng văn bản (written): ${APPRAISAL_KINDS.join(', ')}`, `${REVIEW_LABELS.appraisal.en} must be meeting or written`));

/** A list of commune ids (no repeats). */
/* @__NO_SIDE_EFFECTS__ */
export function codesSchema(label: Text) {
  return v.pipe(
    v.array(
      v.pipe(v.string(), v.check((s: string) => CODE_RE.test(s) && !isReservedKey(s), msg(`${label.vi}: mã xã không hợp lệ`, `${label.en}: not a commune id`))),
      msg(`${label.vi} phải là một danh sách mã xã ([…])`, `${label.en} must be a list of commune ids ([…])`),
    ),
    v.maxLength(1000, msg(`${label.vi}: tối đa 1.000 xã`, `${label.en}: at most 1,000 communes`)),
    v.check((l: string[]) => new Set(l).size === l.length, msg(`${label.vi}: mã xã bị lặp`, `${label.en}: a commune is listed twice`)),
  );
}

/** Longest text of one paper in a snapshot. */
export const MAX_PAPER_LENGTH = 200_000;

/** What the Tờ trình asked for: first recognition, a higher level, or re-recognition, at a level. */
const requestSchema = strict({
  kind: choiceSchema({ vi: 'Loại đề nghị', en: 'Request kind' }, ['first', 'upgrade', 'renewal']),
  level: levelNoSchema,
  number: v.optional(nameText(OTHER_LABELS.evidenceNumber)),
  date: v.optional(dateSchema(OTHER_LABELS.evidenceDate)),
}, { vi: 'Đề nghị công nhận', en: 'Request for recognition' });

let snapshot: v.GenericSchema | undefined;

const objectOf = (label: Text) => v.pipe(
  v.record(v.string(), v.unknown(), msg(`${label.vi} phải là một đối tượng JSON ({…})`, `${label.en} must be a JSON object ({…})`)),
);

/**
 * The dossier as sent: `input` (the readiness input of assess-format.md: figures, villages,
 * answers with their evidence, history), `output` (the engine's result of it), `request`, and
 * `papers` (each paper's text by its name). Here only its outline: the server checks `input`
 * with the readiness input's own schema (validateAssessInput) and computes `output` again, which
 * must be equal (schemas.ts is imported by entities.ts, so this module may not import it back).
 */
export function snapshotSchema(): v.GenericSchema {
  snapshot ??= strict({
    input: objectOf({ vi: 'Số liệu đánh giá trong hồ sơ', en: 'The assessment input of the dossier' }),
    output: v.pipe(
      v.record(v.string(), v.unknown()),
      v.check((o) => typeof o.catalog === 'string' && Number.isSafeInteger(o.year), msg('Kết quả đánh giá trong hồ sơ không đúng định dạng', 'The assessment result in the dossier is malformed')),
    ),
    request: v.nullable(requestSchema),
    papers: v.optional(v.record(
      v.pipe(v.string(), v.regex(/^[a-z][a-zA-Z0-9-]{0,63}$/, msg('Tên văn bản trong hồ sơ không hợp lệ', 'Not a valid paper name'))),
      textField({ vi: 'Nội dung văn bản', en: 'Paper text' }, { max: MAX_PAPER_LENGTH, multiline: true }),
    )),
  }, REVIEW_LABELS.snapshot) as v.GenericSchema;
  return snapshot;
}

/** Types of the shapes, from their schemas (the receiver's papers take these values as they are). */
export type PaperRefValue = v.InferOutput<ReturnType<typeof paperRefSchema>>;
export type OfficeValue = v.InferOutput<ReturnType<typeof officeSchema>>;
export type CouncilMemberValue = v.InferOutput<typeof memberSchema>;
export type AppraisalValue = v.InferOutput<typeof appraisalSchema>;
