// The province settings as the reviewer types them (issue #14, item 7) turned into the offices
// the receiver's papers print (papers/office-names.ts names them). Pure.
import { DEFAULT_DECIDER_TITLE, RECEIVER_SIGNER_TITLE, officeOf } from './papers/office-names.ts';
import type { ProvinceSettings } from './papers/types.ts';

/** What the settings screen holds (the synced province settings). */
export interface SettingsForm {
  receiverName: string;
  receiverAddress: string;
  deciderName: string;
  signerTitle: string;
  /** 'MM-DD' of the year after the assessment year. */
  dossierDeadline: string;
  decisionDeadline: string;
  guidanceLetter: string;
  /** Codes of the communes in a difficult area. */
  difficultAreas: string[];
}

/** The settings the receiver's papers read. */
export function provinceSettingsOf(province: string, f: SettingsForm): ProvinceSettings {
  return {
    province,
    receiver: officeOf(f.receiverName, RECEIVER_SIGNER_TITLE),
    receiverAddress: f.receiverAddress.trim() || undefined,
    decider: officeOf(f.deciderName, f.signerTitle.trim() || DEFAULT_DECIDER_TITLE),
    guidanceLetter: f.guidanceLetter.trim() || undefined,
  };
}
