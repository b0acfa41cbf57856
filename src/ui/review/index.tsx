// The reviewer's screens (issue #14), one lazy entry for the route table: the province's list, one
// commune's review, the council, the province's papers and its settings.
export { ProvinceList } from './list-screen.tsx';
export { CommuneReviewScreen } from './review-screen.tsx';
export { CouncilScreen } from './council-screen.tsx';
export { ProvincePapers } from './papers-screen.tsx';
export { ProvinceSettingsScreen } from './settings-screen.tsx';
