// The reviewer's screens (issue #14), one lazy chunk for the route table: the province's list
// (`#/tinh`) and what opens under it (`#/tinh/{item}`): a commune's review by its code, or one of
// the province's pages — the council, the papers, the settings.
import type { ComponentType } from 'preact';
import type { ScreenProps } from '../routes.tsx';
import { CommuneReviewScreen } from './review-screen.tsx';
import { CouncilScreen } from './council-screen.tsx';
import { ProvincePapers } from './papers-screen.tsx';
import { ProvinceSettingsScreen } from './settings-screen.tsx';
import { REVIEW_PAGES } from './pages.ts';

export { ProvinceList } from './list-screen.tsx';


const PAGES: Readonly<Record<string, ComponentType<ScreenProps>>> = {
  [REVIEW_PAGES.council]: CouncilScreen,
  [REVIEW_PAGES.papers]: ProvincePapers,
  [REVIEW_PAGES.settings]: ProvinceSettingsScreen,
};

/** `#/tinh/{item}`: a province page, else the review of the commune whose code it is. */
export function ProvinceItem(props: ScreenProps & { item: string }) {
  const Page = Object.prototype.hasOwnProperty.call(PAGES, props.item) ? PAGES[props.item]! : null;
  return Page ? <Page {...props} /> : <CommuneReviewScreen {...props} />;
}
