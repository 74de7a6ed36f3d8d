#!/usr/bin/env node
// CPU profile of one courtfile command on a generated dossier, summarised: where the
// time goes, by function (self and inclusive) and by module, dist/ paths shown as src/.
//
//   node bench/profile.js [--transfers N] [--exchanges M] [--seed S] [--top K] [-- COMMAND ARGS...]
//
// Default: `courtfile validate` of the 100k-record benchmark dossier (60k transfers +
// 40k exchanges). The dossier is generated (or reused) under bench/out/data/; the raw
// .cpuprofile is kept in bench/out/prof/ (open it in Chrome DevTools > Performance).
// Run `npm run build` first: the profile is of dist/.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDossier, normalizeOptions } from './generate.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(REPO, 'bench', 'out');

function parseArgs(argv) {
  const o = { transfers: 60_000, exchanges: 40_000, seed: '1', top: 25, command: ['validate'] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      o.command = argv.slice(i + 1);
      break;
    }
    const v = argv[++i];
    if (v === undefined) throw new Error(`${a} needs a value`);
    if (a === '--transfers') o.transfers = Number(v);
    else if (a === '--exchanges') o.exchanges = Number(v);
    else if (a === '--seed') o.seed = v;
    else if (a === '--top') o.top = Number(v);
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

/** dist/x/y.js -> src/x/y.ts; node_modules/pkg/... -> pkg; node internals kept. @param {string} url */
function moduleName(url) {
  if (!url) return '(native/vm)';
  const p = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = p.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = p.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const rel = path.relative(REPO, p);
  if (rel.startsWith('dist/')) return `src/${rel.slice(5).replace(/\.js$/, '.ts')}`;
  return rel.startsWith('..') ? p : rel;
}

/** @param {string} file */
function summarise(file, top) {
  /** @type {{nodes: {id: number, callFrame: {functionName: string, url: string, lineNumber: number}, children?: number[]}[], samples: number[], timeDeltas: number[], startTime: number, endTime: number}} */
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (/** @type {number} */ id) => {
    const f = /** @type {any} */ (byId.get(id)).callFrame;
    return `${f.functionName || '(anonymous)'}  ${moduleName(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
  };
  /** @type {Map<string, number>} */ const self = new Map();
  /** @type {Map<string, number>} */ const inclusive = new Map();
  /** @type {Map<string, number>} */ const modules = new Map();
  let total = 0;
  const add = (
    /** @type {Map<string, number>} */ m,
    /** @type {string} */ k,
    /** @type {number} */ v,
  ) => m.set(k, (m.get(k) ?? 0) + v);
  prof.samples.forEach((id, i) => {
    const dt = (prof.timeDeltas[i + 1] ?? 0) / 1000; // the delta after a sample is its duration
    total += dt;
    add(self, keyOf(id), dt);
    add(modules, moduleName(/** @type {any} */ (byId.get(id)).callFrame.url), dt);
    const seen = new Set();
    for (let n = /** @type {number | undefined} */ (id); n !== undefined; n = parent.get(n)) {
      const k = keyOf(n);
      if (!seen.has(k)) {
        seen.add(k);
        add(inclusive, k, dt);
      }
    }
  });
  const table = (
    /** @type {Map<string, number>} */ m,
    /** @type {(k: string) => boolean} */ keep = () => true,
  ) =>
    [...m]
      .filter(([k]) => keep(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, v]) =>
          `  ${v.toFixed(0).padStart(7)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`,
      )
      .join('\n');
  return [
    `profile ${path.relative(REPO, file)}: ${(total / 1000).toFixed(2)} s sampled`,
    '',
    'self time by module:',
    table(modules),
    '',
    'self time by function:',
    table(self),
    '',
    'inclusive time, functions in src/ only:',
    table(inclusive, (k) => k.includes(' src/')),
  ].join('\n');
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  const data = normalizeOptions({
    out: path.join(OUT, 'data', `d-t${o.transfers}-x${o.exchanges}-e4x65536-s${o.seed}`),
    transfers: o.transfers,
    exchanges: o.exchanges,
    exhibits: 4,
    exhibitBytes: 65536,
    seed: o.seed,
  });
  const { manifest } = ensureDossier(data);
  const root = path.join(data.out, manifest.root);
  const dir = path.join(OUT, 'prof');
  fs.mkdirSync(dir, { recursive: true });
  const name = `${o.command[0]}-${Date.now()}.cpuprofile`;
  const args = [
    '--cpu-prof',
    '--cpu-prof-dir',
    dir,
    '--cpu-prof-name',
    name,
    path.join(REPO, 'bin/courtfile.js'),
    o.command[0],
    root,
    ...o.command.slice(1),
  ];
  const r = spawnSync(process.execPath, args, {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`courtfile ${o.command[0]} exited ${r.status}`);
  process.stdout.write(`${summarise(path.join(dir, name), o.top)}\n`);
}

main();
