/**
 * V8's optimizing compiler tuned for a command that runs for seconds, not hours.
 *
 * A command's CPU time is not only its own code: V8 compiles hot functions with
 * TurboFan on its worker threads, and courtfile has far more hot code than a bare
 * parser (the reader, the record checks, the rules, the layout, pdfkit and fontkit).
 * Measured on Node 20 (`node --single-threaded --trace-opt`, bench/LIMITS.md): rendering
 * the 10k-transfer bench dossier spent ~1.5 s of its ~4.7 s of CPU compiling (611
 * compilations, many of them again after a deoptimisation), its floor (js-yaml + bare
 * pdfkit) ~0.4 s of ~2.9 s. Two settings cut that work without slowing the long runs:
 * - inlining bounded at half V8's default cumulative bytecode size: smaller optimised
 *   functions, cheaper to compile and to throw away when a new shape deoptimises them
 *   (render 10k -8 % CPU on Node 22; on Node 24, and for validate on 22 and 24, no change);
 * - on V8 11 (Node 20) only, a function optimised after four times V8's default interrupt
 *   budget: lukewarm functions are left to the baseline tiers, hot ones are optimised a
 *   moment later with more type feedback (fewer deoptimisations). V8 12 and later (Node 22,
 *   24) tier up through Maglev and have no such flag; there a later TurboFan measured no
 *   gain.
 * Render 10k (medians of six alternate runs): CPU 5.13 → 4.45 s, wall 3.62 → 3.41 s;
 * render 50k + 25k and validate 100k no slower. Set by the CLI only, before any command
 * runs (library users keep V8's defaults), only for the V8 versions where these flags
 * were measured (an unknown flag makes V8 print an error on stderr), and never over a
 * value the user gave Node for the same flag.
 */
import v8 from 'node:v8';

/** V8's default `--max-inlined-bytecode-size-cumulative` (V8 11 to 13). */
const DEFAULT_INLINED_CUMULATIVE = 920;
/** V8 11's default `--interrupt-budget`, in weighted bytecodes. */
const DEFAULT_INTERRUPT_BUDGET = 67_584;

/**
 * The V8 flags courtfile's command line sets for the V8 whose version is `version`,
 * leaving out any the user gave Node (`node --interrupt-budget=… courtfile …`): `given`
 * holds Node's options as written (its command line's: NODE_OPTIONS cannot carry V8's
 * compiler flags, Node refuses to start with them there).
 */
export function jitFlags(
  version: string = process.versions.v8,
  given: readonly string[] = process.execArgv,
): string[] {
  const major = Number.parseInt(version, 10);
  if (!(major >= 11 && major <= 13)) return [];
  const flags = [`--max-inlined-bytecode-size-cumulative=${DEFAULT_INLINED_CUMULATIVE / 2}`];
  if (major === 11) flags.push(`--interrupt-budget=${DEFAULT_INTERRUPT_BUDGET * 4}`);
  const named = new Set(given.map(flagName));
  return flags.filter((flag) => !named.has(flagName(flag)));
}

/** `--max_inlined-bytecode-size=9` → `max-inlined-bytecode-size` (V8 takes `_` for `-`). */
function flagName(option: string): string {
  const eq = option.indexOf('=');
  return (eq < 0 ? option : option.slice(0, eq)).replace(/^-+/, '').replaceAll('_', '-');
}

/** Set jitFlags() for this process (the CLI, first thing). */
export function tuneJit(): void {
  for (const flag of jitFlags()) v8.setFlagsFromString(flag);
}
