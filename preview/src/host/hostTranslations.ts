/**
 * Grafana loads its own words (namespace `grafana`) through an i18next backend when it starts, so
 * i18next resolves the user's language before any plugin asks for it; a plugin's translations key off
 * that resolved language. The preview has no Grafana catalogue, so a few words of its own stand in.
 */
const HOST_WORDS: Record<string, Record<string, unknown>> = {
  'en-US': { preview: { language: 'Language' } },
  'ko-KR': { preview: { language: '언어' } },
  'fr-FR': { preview: { language: 'Langue' } },
};

export const hostTranslationsBackend = {
  type: 'backend' as const,
  init(): void {},
  read(
    language: string,
    namespace: string,
    callback: (error: unknown, resources: Record<string, unknown>) => void
  ): void {
    callback(null, namespace === 'grafana' ? (HOST_WORDS[language] ?? {}) : {});
  },
};
