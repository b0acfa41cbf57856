// The province's pages under `#/tinh/` (the council, the papers, the settings); no commune code is a word.
export const REVIEW_PAGES = { council: 'hoi-dong', papers: 'giay-to', settings: 'cai-dat' } as const;
