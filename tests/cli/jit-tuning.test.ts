import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jitFlags } from '../../src/cli/jit-tuning.js';

describe("the CLI's V8 compiler settings", () => {
  it('bounds inlining on V8 11 to 13, and delays optimisation on V8 11 (Node 20) only', () => {
    expect(jitFlags('11.3.244.8-node.33', [])).toEqual([
      '--max-inlined-bytecode-size-cumulative=460',
      '--interrupt-budget=270336',
    ]);
    expect(jitFlags('12.4.254.21-node.33', [])).toEqual([
      '--max-inlined-bytecode-size-cumulative=460',
    ]);
    expect(jitFlags('13.6.233.17-node.63', [])).toEqual([
      '--max-inlined-bytecode-size-cumulative=460',
    ]);
  });

  it('sets nothing on a V8 whose flags were not measured', () => {
    expect(jitFlags('10.2.154.26-node.26', [])).toEqual([]);
    expect(jitFlags('14.1.0.0', [])).toEqual([]);
    expect(jitFlags('', [])).toEqual([]);
  });

  it('never overrides a flag the user gave Node, in either spelling, with or without a value', () => {
    expect(jitFlags('11.3.244.8-node.33', ['--interrupt-budget=1000'])).toEqual([
      '--max-inlined-bytecode-size-cumulative=460',
    ]);
    expect(
      jitFlags('11.3.244.8-node.33', ['--max_inlined_bytecode_size_cumulative=920', '--trace-gc']),
    ).toEqual(['--interrupt-budget=270336']);
    expect(jitFlags('12.4.254.21-node.33', ['--max-inlined-bytecode-size-cumulative'])).toEqual([]);
    // A longer flag of the same prefix is another flag.
    expect(jitFlags('12.4.254.21-node.33', ['--max-inlined-bytecode-size=100'])).toEqual([
      '--max-inlined-bytecode-size-cumulative=460',
    ]);
  });

  it("reads what the user gave from Node's command line", () => {
    // The build of this module (npm test builds first), in a Node of its own.
    const module = fileURLToPath(new URL('../../dist/cli/jit-tuning.js', import.meta.url));
    const run = (execArgv: string[]) =>
      spawnSync(
        process.execPath,
        [
          ...execArgv,
          '--input-type=module',
          '-e',
          `import(${JSON.stringify(module)}).then((m) => console.log(JSON.stringify(m.jitFlags('12.4.254.21-node.33'))))`,
        ],
        { encoding: 'utf8' },
      );
    const plain = run([]);
    expect(plain.stderr).toBe('');
    expect(JSON.parse(plain.stdout)).toEqual(['--max-inlined-bytecode-size-cumulative=460']);
    expect(JSON.parse(run(['--max-inlined-bytecode-size-cumulative=700']).stdout)).toEqual([]);
    expect(
      JSON.parse(run(['--max_inlined_bytecode_size_cumulative=700', '--no-warnings']).stdout),
    ).toEqual([]);
  });

  it('every flag it sets on this Node is one V8 knows (an unknown one prints an error)', () => {
    const flags = jitFlags();
    const r = spawnSync(process.execPath, [
      '-e',
      `const v8 = require('node:v8'); for (const f of ${JSON.stringify(flags)}) v8.setFlagsFromString(f);`,
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr.toString()).toBe('');
  });
});
