// The two locales of the app, the server and the CLI: Vietnamese first (the default), English
// second. The one declaration of Lang.

/** vi: Vietnamese (default, what papers and cadres use); en: English (second locale). */
export type Lang = 'vi' | 'en';
