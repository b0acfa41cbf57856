// The receiver's papers (issue #14, item 6): Biên bản thẩm định, Văn bản trả lời, Tờ trình and
// dự thảo Quyết định công nhận, the yearly Báo cáo. Pure document models over the input types of
// ./types.ts; print them with src/dossier/html.ts (printHtml) and src/dossier/docx.ts (buildDocx).
export type * from './types.ts';
export { buildAppraisal, conclusionText, type AppraisalDoc } from './appraisal.ts';
export { buildAnswer, type AnswerDoc } from './answer.ts';
export { buildDecision, buildProposal, decisionRef, proposedCommunes, type DecisionDoc, type ProposalDoc } from './decision.ts';
export { buildYearReport, outcomeOf, OUTCOME_LABEL, yearSummary, type Outcome, type YearReportDoc, type YearSummary } from './year-report.ts';
export { COUNCIL_MIN, councilProblems, membersByOrganisation, ROLE_LABEL } from './council.ts';
export { communeVerdicts, conclusionProblems, reasonText, VERDICT_LABEL, type CommuneVerdicts, type Reason, type VerdictRow } from './verdicts.ts';
