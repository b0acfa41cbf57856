// What a sync run or an enrolment can end with, as codes with parameters: the engine branches on
// these, never on words. words.ts gives each code its Vietnamese and English sentence for the
// status the screens show.

/** Why a run stopped or an enrolment failed. */
export type SyncCode =
  | 'offline' | 'timeout' | 'network' | 'server' | 'busy' | 'garbled' | 'enrol' | 'notEnrolled'
  | 'readOnly' | 'unexpected' | 'tooLarge' | 'opConflict' | 'badServerUrl' | 'badEnrolCode' | 'malformedEnrolCode'
  /** The server refused with its own words (`said`). */
  | 'refused'
  /** Enrolment refused by the commune this phone holds (`params`: its code and the server's). */
  | 'enrolOtherCommune' | 'enrolCommuneSynced';

/** What the server said in its own words (message_vi / message_en of its error body). */
export interface ServerWords {
  vi: string;
  en: string;
}

/** A code and, for `refused` and the enrolment codes, what the server said. */
export interface SyncProblem {
  code: SyncCode;
  said?: ServerWords;
  /** The codes an enrolment refusal names: the phone's commune and the server's. */
  params?: { local: string; server?: string };
}

/** How a run ended. */
export type RunResult =
  | { ok: true; pushed: number; pulled: number }
  | ({ ok: false; reason: 'needs-enrolment' | 'offline' | 'transient' | 'error' } & SyncProblem);
