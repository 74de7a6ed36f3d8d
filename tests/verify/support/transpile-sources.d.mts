/** Transpile `entry` (absolute .ts path) and its relative imports under `outDir`; returns the entry's .js path. */
export function transpileClosure(entry: string, outDir: string, baseDir?: string): Promise<string>;
