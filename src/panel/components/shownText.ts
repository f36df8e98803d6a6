const FORMAT_CHARACTER = /\p{Cf}/u;
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/**
 * Text from labels as the panel shows and speaks it: Unicode format characters (bidi overrides and
 * isolates, zero-width spaces and joiners, soft hyphens) become a visible U+FFFD. Labels come from
 * service discovery, and with those characters one target's name read as another's ("db-1:5432" for
 * a target that is not), or reversed the panel's own words beside it ("shows format characters" in
 * shownText.test.ts). Only what is shown changes: filtering, sorting and keys use the labels as they
 * are.
 */
export function shownText(text: string): string {
  return FORMAT_CHARACTER.test(text) ? text.replace(FORMAT_CHARACTERS, '\uFFFD') : text;
}
