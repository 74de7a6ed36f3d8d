// Turn a TypeScript entry module of courtfile and everything it imports (relatively) into
// plain JavaScript in `outDir`, so that a bare `node` child process can run it: vitest
// transforms only its own workers, and a loader hook would weigh on the child's memory.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Transpile `entry` (absolute .ts path) and its relative imports under `outDir`; returns the entry's .js path. */
export async function transpileClosure(entry, outDir, baseDir = path.dirname(entry)) {
  const seen = new Set();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const { outputText } = ts.transpileModule(await readFile(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
    });
    const target = path.join(outDir, path.relative(baseDir, file)).replace(/\.ts$/, '.js');
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, outputText);
    for (const [, spec] of outputText.matchAll(IMPORT)) {
      const dep = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
      if (dep.endsWith('.ts') && existsSync(dep)) queue.push(dep);
    }
  }
  return path.join(outDir, path.relative(baseDir, entry)).replace(/\.ts$/, '.js');
}
