import path from 'node:path';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { writeDossier } from './temp-dossier.js';

/** Every diagnostic of a one-file dossier written from `text`, whole. */
export async function checkedText(text: string) {
  const dir = writeDossier({ 'dossier.yaml': text });
  return (await checkDossier(path.join(dir, 'dossier.yaml'))).diagnostics;
}

/** The diagnostics of a one-file dossier written from `text`, as {code, path, line, column}. */
export async function diagnosticsOf(text: string) {
  const diagnostics = await checkedText(text);
  return diagnostics.map(({ code, path: p, line, column }) => ({ code, path: p, line, column }));
}
