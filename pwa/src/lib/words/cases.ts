// The words of one area of the app, in every language. Split from i18n.svelte.ts so areas grow apart;
// i18n.svelte.ts spreads them into its catalog, and test/i18n-keys.test.ts checks each key is used.
export const en = {} as const;

export const zh: Record<keyof typeof en, string> = {};
