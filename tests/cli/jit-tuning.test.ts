import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { jitFlags } from '../../src/cli/jit-tuning.js';

describe("the CLI's V8 compiler settings", () => {
  it('bounds inlining on V8 11 to 13, and delays optimisation on V8 11 (Node 20) only', () => {
    expect(jitFlags('11.3.244.8-node.33')).toEqual([
      '--max-inlined-bytecode-size-cumulative=460',
      '--interrupt-budget=270336',
    ]);
    expect(jitFlags('12.4.254.21-node.33')).toEqual(['--max-inlined-bytecode-size-cumulative=460']);
    expect(jitFlags('13.6.233.17-node.63')).toEqual(['--max-inlined-bytecode-size-cumulative=460']);
  });

  it('sets nothing on a V8 whose flags were not measured', () => {
    expect(jitFlags('10.2.154.26-node.26')).toEqual([]);
    expect(jitFlags('14.1.0.0')).toEqual([]);
    expect(jitFlags('')).toEqual([]);
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
