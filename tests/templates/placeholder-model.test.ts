/**
 * The static placeholder model and the renderer's scope describe the same values: every
 * path the check accepts has a value at render time, and every value the renderer
 * exposes is known to the check. `case.*` is the dossier schema's case.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { computeFacts } from '../../src/facts/index.js';
import { RenderContext } from '../../src/render/context.js';
import { CaseSchema } from '../../src/schema/dossier.js';
import { loadTemplate } from '../../src/templates/load-template.js';
import { modelPaths, PLACEHOLDER_MODEL } from '../../src/templates/placeholder-model.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { EXAMPLE_DIR } from '../helpers/temp-dossier.js';

/** Dotted paths to the leaves of a scope: strings, numbers, amounts. */
function scopePaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.slice(0, -1)];
  if (Object.hasOwn(value, 'minor')) return [prefix.slice(0, -1)];
  return Object.entries(value).flatMap(([k, v]) => scopePaths(v, `${prefix}${k}.`));
}

describe('placeholder model', () => {
  test('case.* is every key of the dossier case', () => {
    expect(Object.keys(PLACEHOLDER_MODEL.case as object).sort()).toEqual(
      Object.keys(CaseSchema.shape).sort(),
    );
  });

  test.each(['fr', 'en'] as const)('matches the scope the renderer builds (%s)', async (lang) => {
    const check = await checkDossier(path.join(EXAMPLE_DIR, 'dossier.yaml'));
    const dossier = check.dossier!;
    const ctx = new RenderContext({
      dossier,
      facts: computeFacts(dossier, {}),
      template: await loadTemplate('referral'),
      lang,
      generated: '2024-05-01',
      reveal: false,
      fingerprint: 'f'.repeat(64),
      warnings: [],
    });
    expect(scopePaths(ctx.scope).sort()).toEqual(modelPaths().sort());
  });
});
