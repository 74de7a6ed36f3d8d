import path from 'node:path';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { writeDossier } from './temp-dossier.js';

/** The diagnostics of a one-file dossier written from `text`, as {code, path, line, column}. */
export async function diagnosticsOf(text: string) {
  const dir = writeDossier({ 'dossier.yaml': text });
  const { diagnostics } = await checkDossier(path.join(dir, 'dossier.yaml'));
  return diagnostics.map(({ code, path: p, line, column }) => ({ code, path: p, line, column }));
}
