// The part `review` in English: the same codes as vi/review.ts, the compiler checks that none is missing.
import type { DossierState } from '../../domain/review/codes.ts';
import type { Mirror } from '../words.ts';
import type { words as vi } from '../vi/review.ts';

const STATE: Record<DossierState, string> = {
  draft: 'Not sent',
  submitted: 'Sent',
  'in-review': 'In review',
  returned: 'Returned for more',
  recognised: 'Recognised',
  'not-recognised': 'Not recognised',
};
const ROLE: Record<string, string> = { officer: 'the commune officer', chair: 'the commune chair', reviewer: 'the province reviewer', collector: 'a data collector' };
const roles = (p: { roles: readonly string[] }) => p.roles.map((r) => ROLE[r] ?? r).join(' or ');

export const words: Mirror<typeof vi> = {
  'review.state.draft': STATE.draft,
  'review.state.submitted': STATE.submitted,
  'review.state.in-review': STATE['in-review'],
  'review.state.returned': STATE.returned,
  'review.state.recognised': STATE.recognised,
  'review.state.not-recognised': STATE['not-recognised'],
  'review.verdict.met': 'Met',
  'review.verdict.unmet': 'Not met',
  'review.verdict.more': 'More needed',
  'review.outcome.recognised': 'Recognised',
  'review.outcome.not-recognised': 'Not recognised',
  'review.role.chair': 'Council chair',
  'review.role.secretary': 'Council secretary',
  'review.role.member': 'Member',
  'review.move.send': 'Send the dossier',
  'review.move.take': 'Take into review',
  'review.move.return': 'Return for more',
  'review.move.recognise': 'Recognise',
  'review.move.refuse': 'Do not recognise',
  'review.move.reopen': 'Reopen the dossier',
  'review.version': (p: { version: number }) => `Version ${p.version}`,
  'review.validUntil': (p: { date: string }) => `Valid until ${p.date}`,
  'review.lastYear': (p: { year: number }) => `The title ends at the end of ${p.year}: ask for re-recognition this year`,
  'review.refuse.moveNone': (p: { from: DossierState; to: DossierState }) => `A dossier that is "${STATE[p.from]}" cannot become "${STATE[p.to]}"`,
  'review.refuse.moveRole': (p: { roles: readonly string[] }) => `This is done by ${roles(p)}`,
  'review.refuse.moveStale': (p: { state: DossierState; step: number }) => `The dossier is already "${STATE[p.state]}" (${p.step} changes so far); sync to see it, then try again`,
  'review.refuse.moveVersion': (p: { want: number }) => `The version must be ${p.want}`,
  'review.refuse.moveNotLocked': 'A dossier is sent only once the meeting has locked the year',
  'review.refuse.moveNoSubmission': (p: { version: number }) => `Version ${p.version} of the dossier has not been stored`,
  'review.refuse.moveNoComment': 'Returning a dossier needs a comment on at least one indicator, or a reason',
  'review.refuse.moveNoRegister': (p: { outcome: 'recognised' | 'not-recognised' }) =>
    p.outcome === 'recognised' ? 'Record the decision number, date and level in the register first' : 'Record the reasons in the register first',
  'review.refuse.moveCouncil': (p: { members: number }) => `The council has ${p.members} members: it needs an odd number, at least 5, one chair and one secretary (Article 9, Circular 25/2023/TT-BGDĐT)`,
  'review.refuse.moveNoReason': 'Reopening a decided dossier needs a reason',
  'review.refuse.immutable': 'What was sent cannot be changed; send a new version',
  'review.refuse.hash': 'The checksum does not match the dossier sent',
  'review.refuse.output': 'The assessment in the dossier differs from what the server computes from the same data',
  'review.refuse.snapshotOther': 'The dossier belongs to another commune or year',
  'review.refuse.by': "The person named must be the one this device's code was issued to",
  'review.refuse.device': 'The device named must be the device that sent it',
  'review.refuse.reviewState': 'Verdicts are written only while the dossier is in review, for the version in review',
};
