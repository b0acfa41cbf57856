// The part `pb` in English: the same codes as vi/problems.ts, the compiler checks that none is missing.
import { LABELS, labelOf, type LabelName } from '../../domain/schemas/labels.ts';
import type { Mirror } from '../words.ts';
import type { words as vi } from '../vi/problems.ts';

interface Labelled { label: LabelName; indicator?: string }
type LabelKey = LabelName;
/** The label a message names: a glossary label, or "Answer to indicator TC1.1". */
const L = (p: Labelled): string => (p.label === 'answer' && p.indicator ? `Answer to indicator ${p.indicator}` : labelOf(p.label).en);
const lower = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export const words: Mirror<typeof vi> = {
  'pb.notObject': (p: Labelled) => `${L(p)} must be a JSON object ({…})`,
  'pb.unknownField': (p: Labelled & { key: string }) => `Field "${p.key}" is not allowed in ${L(p)}`,
  'pb.missing': (p: { field?: LabelKey; key: string }) => `${p.field ? labelOf(p.field).en : `Field "${p.key}"`} is missing`,
  'pb.notNumber': (p: Labelled) => `${L(p)} must be a number`,
  'pb.notInteger': (p: Labelled) => `${L(p)} must be a whole number`,
  'pb.negative': (p: Labelled) => `${L(p)} must not be negative`,
  'pb.levelRange': (p: Labelled & { max: number }) => `${L(p)} must be from 0 to ${p.max}`,
  'pb.notBool': (p: Labelled) => `${L(p)} must be yes or no (true/false)`,
  'pb.notText': (p: Labelled) => `${L(p)} must be text`,
  'pb.notDate': (p: Labelled) => `${L(p)} must be a real date written YYYY-MM-DD`,
  'pb.notDayOfYear': (p: Labelled) => `${L(p)} must be a day written MM-DD`,
  'pb.notList': (p: Labelled) => `${L(p)} must be a list ([…])`,
  'pb.notCode': (p: Labelled) => `${L(p)} may hold only letters without marks, digits, dot, hyphen or underscore (at most 32)`,
  'pb.tooLong': (p: Labelled & { max: number }) => `${L(p)} is too long (at most ${p.max} characters)`,
  'pb.control': (p: Labelled) => `${L(p)} contains control characters`,
  'pb.empty': (p: Labelled) => `${L(p)} must not be empty`,
  'pb.exceeds': (p: Labelled & { value: number; above: LabelKey; aboveValue: number }) =>
    `${L(p)} (${p.value}) must not exceed ${lower(labelOf(p.above).en)} (${p.aboveValue})`,
  'pb.metValue': (p: Labelled) => `${L(p)} must be true (met), false (not met) or null (no data yet)`,
  'pb.levelValue': (p: Labelled) => `${L(p)} must be 1 or 2`,
  'pb.notSha256': (p: Labelled) => `${L(p)} must be 64 hex digits`,
  'pb.notFileType': (p: Labelled) => `${L(p)} must be a JPEG photo or a PDF`,
  'pb.emptyFile': (p: Labelled) => `${L(p)} must be above 0`,
  'pb.fileTooLarge': (p: Labelled & { mb: number }) => `${L(p)} must be at most ${p.mb} MB`,
  'pb.exactlyOne': (p: { a: LabelKey; b: LabelKey }) => `Exactly one of ${lower(labelOf(p.a).en)}, ${lower(labelOf(p.b).en)} is needed`,
  'pb.noAmount': (p: { indicator?: string }) => `Indicator ${p.indicator ?? ''} carries no amount`.replace('  ', ' '),
  'pb.unknownIndicator': 'There is no indicator "{indicator}" in catalog {catalog}',
  'pb.notYesNo': 'Indicator {indicator} is not a yes/no indicator: it is computed from the figures',
  'pb.registerDecision': (p: Labelled) => `${L(p)} is missing from the recognition decision`,
  'pb.registerReasons': (p: Labelled) => `${L(p)} is missing (Article 9.2: state the reasons)`,
  'pb.registerNoLevel': 'A commune not recognised has no level',
  'pb.registerValidUntil': (p: Labelled & { want: string }) => `${L(p)} must be ${p.want} (the decision's year + 3, Article 5.4)`,
  'pb.notChoice': (p: Labelled & { choices: string }) => `${L(p)} must be one of: ${p.choices}`,
  'pb.notInstant': (p: Labelled) => `${L(p)} must be a moment written YYYY-MM-DDTHH:MM:SSZ`,
  'pb.notHash': (p: Labelled) => `${L(p)} must be 64 hex digits`,
  'pb.notClock': (p: Labelled) => `${L(p)} must be HH:MM`,
  'pb.councilMax': (p: { max: number }) => `A council has at most ${p.max} members`,
  'pb.appraisalKind': (p: Labelled) => `${L(p)} must be meeting or written`,
  'pb.notCommuneId': (p: Labelled) => `${L(p)}: not a commune id`,
  'pb.notCommuneIds': (p: Labelled) => `${L(p)} must be a list of commune ids ([…])`,
  'pb.tooManyCommunes': (p: Labelled & { max: number }) => `${L(p)}: at most ${p.max.toLocaleString('en')} communes`,
  'pb.communeTwice': (p: Labelled) => `${L(p)}: a commune is listed twice`,
  'pb.malformed': (p: Labelled) => `${L(p)} is malformed`,
  'pb.badName': (p: Labelled) => `${L(p)} is not valid`,
  'pb.invalidValue': (p: { detail?: string }) => p.detail ?? 'Invalid value',
  'pb.notJson': 'The content is not valid JSON ({detail})',
};
