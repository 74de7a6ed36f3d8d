import path from 'node:path';
import { formatText } from '../../diagnostics/format.js';
import { EXIT } from '../../errors.js';
import { computeFacts } from '../../facts/index.js';
import { writeFileAtomic } from '../../output/atomic-write.js';
import type { RenderedDocument } from '../../render/index.js';
import { renderDocumentWithInfo, resolveGenerationDate } from '../../render/index.js';
import { loadTemplate, TemplateError } from '../../templates/load-template.js';
import { checkDossier } from '../../validate/check-dossier.js';
import type { CliIO } from '../io.js';
import { useColor } from '../io.js';
import { progressFor } from '../progress.js';

export interface RenderCommandOptions {
  readonly output: string;
  readonly template?: string;
  readonly lang?: 'fr' | 'en';
  readonly date?: string;
  readonly revealVictims?: boolean;
  readonly window?: number;
  readonly strict?: boolean;
}

/**
 * `courtfile render FILE -o OUT.pdf`: validate, compute the facts, render the document
 * in memory, then replace OUT atomically. Nothing is written when the dossier or the
 * template has errors (exit 1); an existing OUT is left untouched on any failure.
 */
export async function runRender(
  file: string,
  opts: RenderCommandOptions,
  io: CliIO,
): Promise<number> {
  const date = resolveGenerationDate(opts.date, io.env);
  const color = useColor(io.stderr, io.env);
  let template;
  try {
    template = await loadTemplate(opts.template ?? 'referral', { cwd: io.cwd });
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    io.stderr.write(formatText(err.diagnostics, { color }));
    return EXIT.invalid;
  }
  const check = await checkDossier(file, { cwd: io.cwd });
  if (check.diagnostics.length > 0) io.stderr.write(formatText(check.diagnostics, { color }));
  if (!check.dossier || check.errors > 0 || (opts.strict && check.warnings > 0))
    return EXIT.invalid;

  const facts = computeFacts(
    check.dossier,
    opts.window === undefined ? {} : { windowHours: opts.window },
  );
  // Layout runs first (nothing to count), then pages are drawn one by one.
  const progress = progressFor(io);
  let rendered: RenderedDocument;
  try {
    progress.update('rendering');
    rendered = await renderDocumentWithInfo(check.dossier, facts, {
      template,
      date,
      diagnostics: check.diagnostics,
      revealVictims: opts.revealVictims ?? false,
      ...(opts.lang ? { lang: opts.lang } : {}),
      onPage: (page) => progress.update(`rendering: page ${page}`),
    });
  } finally {
    progress.clear();
  }
  await writeFileAtomic(path.resolve(io.cwd, opts.output), rendered.bytes);
  if (rendered.missingGlyphs.length > 0) {
    io.stderr.write(
      `courtfile: warning: characters without a glyph in the embedded fonts were drawn as "?": ${rendered.missingGlyphs.join(' ')}\n`,
    );
  }
  const kib = Math.max(1, Math.round(rendered.bytes.length / 1024));
  io.stderr.write(
    `wrote ${opts.output} (${rendered.pages} page${rendered.pages === 1 ? '' : 's'}, ${kib} KiB)\n`,
  );
  return EXIT.ok;
}
