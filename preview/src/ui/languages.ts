/**
 * The languages the preview's picker offers: the plugin's own, and one it does not have, to show that
 * a language without translations falls back to English.
 */
export const LANGUAGES = [
  { value: 'en-US', label: 'English' },
  { value: 'ko-KR', label: '한국어' },
  { value: 'fr-FR', label: 'Français' },
];

/** `?lang=` on the page, else the server's --language, else English; an unknown code counts as English. */
export function previewLanguage(config: { language?: string }): string {
  const wanted = new URLSearchParams(window.location.search).get('lang') ?? config.language ?? 'en-US';
  return LANGUAGES.some((language) => language.value === wanted) ? wanted : 'en-US';
}
