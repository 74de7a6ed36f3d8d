/**
 * From a chain of written templates (base first) to one complete template: `extends`
 * merging, defaults for page and typography, and per-language labels.
 *
 * Merge rules (child over parent): `labels` merge key by key per language; `page`,
 * `fonts`, `type`, `colors`, `header`, `footer`, `metadata` merge member by member;
 * `sections` and `languages` are replaced as a whole when the child gives them.
 */
import type { BundledFont, FontRole } from '../render/fonts.js';
import type {
  COLOR_NAMES,
  LocalizedText,
  Section,
  TemplateLanguage,
  WrittenTemplate,
} from './schema.js';

type Localized = Readonly<Record<TemplateLanguage, string>>;

export interface FurnitureSlots {
  readonly show: boolean;
  readonly left: Localized;
  readonly center: Localized;
  readonly right: Localized;
}

export interface ResolvedTemplate {
  readonly name: string;
  /** Where the template came from: `built-in` or the file path. */
  readonly source: string;
  /** Absolute paths of every file of its `extends` chain (a render must not write over them). */
  readonly files?: readonly string[];
  readonly description: Localized;
  readonly languages: readonly TemplateLanguage[];
  readonly page: {
    readonly size: 'A4' | 'A3' | 'A5' | 'LETTER' | 'LEGAL';
    readonly orientation: 'portrait' | 'landscape';
    readonly margins_mm: {
      readonly top: number;
      readonly right: number;
      readonly bottom: number;
      readonly left: number;
    };
  };
  readonly fonts: Readonly<Record<FontRole, BundledFont>>;
  readonly type: {
    readonly body: number;
    readonly small: number;
    readonly table: number;
    readonly h1: number;
    readonly h2: number;
    readonly h3: number;
    readonly title: number;
    readonly leading: number;
    readonly table_leading: number;
  };
  readonly colors: Readonly<Record<(typeof COLOR_NAMES)[number], string>>;
  readonly classification: Localized;
  readonly numbering: boolean;
  readonly header: FurnitureSlots;
  readonly footer: FurnitureSlots;
  readonly metadata: {
    readonly title: Localized;
    readonly subject: Localized;
    readonly keywords: Localized;
    readonly author: Localized;
  };
  readonly sections: readonly Section[];
  readonly labels: Readonly<Record<TemplateLanguage, Readonly<Record<string, string>>>>;
}

export const DEFAULTS = {
  page: {
    size: 'A4',
    orientation: 'portrait',
    margins_mm: { top: 24, right: 20, bottom: 22, left: 22 },
  },
  fonts: {
    body: 'DejaVuSerif',
    body_bold: 'DejaVuSerif-Bold',
    body_italic: 'DejaVuSerif-Italic',
    heading: 'DejaVuSans-Bold',
    table: 'DejaVuSansCondensed',
    table_bold: 'DejaVuSansCondensed-Bold',
    table_italic: 'DejaVuSansCondensed-Oblique',
    mono: 'DejaVuSansMono',
  },
  type: {
    body: 9.5,
    small: 8,
    table: 7.5,
    h1: 14,
    h2: 11.5,
    h3: 10,
    title: 20,
    leading: 1.35,
    table_leading: 1.22,
  },
  colors: {
    text: '#1A1A1A',
    muted: '#5B6470',
    accent: '#1F3A5F',
    marking: '#9B1C1C',
    rule: '#9AA3AD',
    zebra: '#F2F4F7',
    header_fill: '#E2E7EE',
    chart_bar: '#35598A',
    chart_grid: '#D5DAE1',
    link: '#1F3A5F',
  },
} as const satisfies Pick<ResolvedTemplate, 'page' | 'fonts' | 'type' | 'colors'>;

export function localize(text: LocalizedText | undefined, fallback = ''): Localized {
  if (text === undefined) return { fr: fallback, en: fallback };
  if (typeof text === 'string') return { fr: text, en: text };
  return { fr: text.fr ?? text.en ?? fallback, en: text.en ?? text.fr ?? fallback };
}

type Furniture = NonNullable<WrittenTemplate['header']>;

function furniture(written: Furniture | undefined): FurnitureSlots {
  return {
    show: written?.show ?? true,
    left: localize(written?.left),
    center: localize(written?.center),
    right: localize(written?.right),
  };
}

/** Merge a child over its parent (both as written). */
export function mergeWritten(parent: WrittenTemplate, child: WrittenTemplate): WrittenTemplate {
  const shallow = <K extends keyof WrittenTemplate>(key: K): WrittenTemplate[K] =>
    (parent[key] || child[key]
      ? { ...(parent[key] as object), ...(child[key] as object) }
      : undefined) as WrittenTemplate[K];
  const page =
    parent.page || child.page
      ? {
          ...parent.page,
          ...child.page,
          margins_mm: { ...parent.page?.margins_mm, ...child.page?.margins_mm },
        }
      : undefined;
  return {
    ...parent,
    ...child,
    page,
    fonts: shallow('fonts'),
    type: shallow('type'),
    colors: shallow('colors'),
    header: shallow('header'),
    footer: shallow('footer'),
    metadata: shallow('metadata'),
    labels: {
      fr: { ...parent.labels?.fr, ...child.labels?.fr },
      en: { ...parent.labels?.en, ...child.labels?.en },
    },
    sections: child.sections ?? parent.sections,
    languages: child.languages ?? parent.languages,
    extends: undefined,
  };
}

/** Fill defaults; the caller has checked completeness (sections, labels). */
export function resolveWritten(written: WrittenTemplate, source: string): ResolvedTemplate {
  const t = written.type ?? {};
  return {
    name: written.name,
    source,
    description: localize(written.description),
    languages: written.languages ?? ['fr', 'en'],
    page: {
      size: written.page?.size ?? DEFAULTS.page.size,
      orientation: written.page?.orientation ?? DEFAULTS.page.orientation,
      margins_mm: { ...DEFAULTS.page.margins_mm, ...written.page?.margins_mm },
    },
    fonts: { ...DEFAULTS.fonts, ...stripUndefined(written.fonts ?? {}) },
    type: { ...DEFAULTS.type, ...stripUndefined(t) },
    colors: { ...DEFAULTS.colors, ...stripUndefined(written.colors ?? {}) },
    classification: localize(written.classification),
    numbering: written.numbering ?? true,
    header: furniture(written.header),
    footer: furniture(written.footer),
    metadata: {
      title: localize(written.metadata?.title),
      subject: localize(written.metadata?.subject),
      keywords: localize(written.metadata?.keywords),
      author: localize(written.metadata?.author),
    },
    sections: written.sections ?? [],
    labels: { fr: written.labels?.fr ?? {}, en: written.labels?.en ?? {} },
  };
}

function stripUndefined<T extends object>(
  value: T,
): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]-?: Exclude<T[K], undefined>;
  };
}
