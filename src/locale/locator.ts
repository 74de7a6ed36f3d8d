import type { Language } from '../model/dossier.js';

/**
 * A record's locator (`row 8`, `Feuil1 row 8`, `line 12`, `message 1234`, as
 * `courtfile import` writes them) in the document's language: French documents say
 * `ligne 8` for a spreadsheet row or a text line, as French spreadsheets do. Anything
 * else is shown as written.
 */
export function localizeLocator(locator: string, lang: Language): string {
  if (lang === 'en') return locator;
  return locator.replace(/(^|\s)(?:row|line) ([0-9]+)$/, '$1ligne $2');
}
