/** The formats `courtfile import` reads (`--from`). */
export const IMPORT_FORMATS = ['csv', 'xlsx', 'skype', 'whatsapp', 'mbox'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
