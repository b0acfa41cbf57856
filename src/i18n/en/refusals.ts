// The part `pb` (continued) in English: the same codes as vi/refusals.ts, the compiler checks that none is missing.
import { words as review } from './review.ts';
import { LABELS, labelOf, type LabelName } from '../../domain/schemas/labels.ts';
import type { Mirror } from '../words.ts';
import type { words as vi } from '../vi/refusals.ts';

interface Labelled { label: LabelName; indicator?: string }
const L = (p: Labelled): string => labelOf(p.label).en;

export const words: Mirror<typeof vi> = {
  'pb.yearFrom': (p: Labelled & { first: number }) => `${L(p)} must be ${p.first} or later`,
  'pb.invalid': (p: Labelled) => `${L(p)} is not valid`,
  'pb.duplicateVillage': 'Village code "{code}" is the same as villages[{first}]',
  'pb.asOfInYear': (p: { asOf: string; year: number }) =>
    `${LABELS.asOf.en} (${p.asOf}) must be after the assessment year ${p.year}: on or after ${p.year + 1}-01-01`,
  'pb.decidedAfterAsOf': (p: { decidedOn: string; asOf: string }) =>
    `${LABELS.decidedOn.en} (${p.decidedOn}) is after the ${LABELS.asOf.en.toLowerCase()} (${p.asOf}): list only decisions already made`,
  'pb.catalogOneOf': (p: Labelled & { ids: string }) => `${L(p)} must be one of: ${p.ids}`,
  'pb.thresholds': 'There is no "thresholds" field: the thresholds are those of Circular 25/2023/TT-BGDĐT and cannot be set',
  'pb.notInFormat': 'Field "{key}" is not part of the assessment input format',
  'pb.inputMissing': (p: { field?: LabelName; key: string }) => `${p.field ? labelOf(p.field).en : p.key} ("${p.key}") is missing`,

  'pb.reopenReason': 'Reopening {year} needs a reason',
  'pb.yearLocked': 'Year {year} is locked (the council has met). To change it, the officer must reopen the year with a reason.',

  'pb.access.readOnlyRole': 'This role is read-only',
  'pb.access.otherCommune': 'The data belongs to another commune',
  'pb.access.otherProvince': 'The data belongs to a commune of another province',
  'pb.access.officerOnly': 'Only the commune officer may change this',
  'pb.access.notWriter': 'This role may not change this',
  'pb.access.lockOfficerOnly': 'Only the commune officer may record the meeting, lock or reopen the year',
  'pb.access.villageScope': (p: { village?: string }) => (p.village === undefined
    ? 'A village collector may only change their villages'
    : `Not allowed to change village ${p.village}`),
  'pb.access.yearLocked': 'This year is locked',
  // A move of a dossier the policy refuses (src/domain/review/states.ts moveRoleRefusal): the review's words.
  'pb.access.moveNone': review['review.refuse.moveNone'],
  'pb.access.moveRole': review['review.refuse.moveRole'],
  'pb.auth.noDevice': 'This token was issued without a device id and cannot send ops; enrol again from the app',
  'pb.auth.otherDevice': 'The batch names another device',
  'pb.auth.otherDeviceOp': 'The op was made on another device; only that device may send it',

  'pb.bodyNotJson': 'Body is not JSON',
  'pb.deviceTaken': 'Device id already in use',
  'pb.sendReadOnly': 'This role is read-only',
  'pb.opIdConflict': 'opId already used for different content',
  'pb.changesQuery': 'since must be an integer ≥ 0; limit 1 to {max}',
  'pb.readOtherCommune': 'Not allowed to read this commune',
  'pb.mixedBatch': 'A batch holds the data of one commune (or of the province): this op belongs to "{op}", the batch to "{batch}"',
  'pb.yearQuery': 'year must be a year from {min} to {max}',
  'pb.noCommune': 'No commune "{code}"',
  'pb.registerReviewersOnly': "Only the province's reviewers read the province's register",
  'pb.reviewersOnly': "Only the province's reviewers",
  'pb.blobHash': 'The hash must be 64 lowercase hex digits',
  'pb.communeEvidenceUsed': 'The commune uses {used} MB of {cap} MB for evidence',
  'pb.blobKind': 'Not a JPEG or a PDF',
  'pb.blobMismatch': 'The bytes do not match the hash',
  'pb.blobCutOff': 'The upload was cut off; send it again',
};
