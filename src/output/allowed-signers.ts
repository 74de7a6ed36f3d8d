import { blobKeyType, decodeBase64 } from './ssh-wire.js';

/**
 * The OpenSSH "allowed signers" file (ssh-keygen(1), ALLOWED SIGNERS): one key a line,
 * `principals [options] keytype base64-key [comment]`, `#` comments and blank lines.
 * Read as OpenSSH's sshsig.c reads it, so that a line means the same to courtfile as to
 * `ssh-keygen -Y verify`: the principals field may be quoted, the options are
 * `cert-authority`, `namespaces="…"`, `valid-after="…"`, `valid-before="…"`.
 */

export interface AllowedSigner {
  /** 1-based line in the file. */
  readonly line: number;
  /** The principals field as written (comma-separated patterns). */
  readonly principals: string;
  readonly keyBlob: Buffer;
  readonly certAuthority: boolean;
  readonly namespaces?: string;
  /** Seconds since the epoch (OpenSSH's parse_absolute_time). */
  readonly validAfter?: number;
  readonly validBefore?: number;
}

/** A line of the file that cannot be read, and why. */
export interface SkippedLine {
  readonly line: number;
  readonly problem: string;
}

export type AllowedSignersParse =
  | {
      readonly ok: true;
      readonly signers: readonly AllowedSigner[];
      /** Lines skipped, as `ssh-keygen -Y verify` skips them. */
      readonly skipped: readonly SkippedLine[];
    }
  | { readonly ok: false; readonly line: number; readonly problem: string };

/** Key types OpenSSH reads in a public key line (`sshkey_read`). */
const KEY_TYPES = new Set(
  [
    'ssh-ed25519',
    'ssh-rsa',
    'ssh-dss',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
    'sk-ssh-ed25519@openssh.com',
    'sk-ecdsa-sha2-nistp256@openssh.com',
    'ssh-xmss@openssh.com',
  ].flatMap((t) => [t, t.replace(/(@openssh\.com)?$/, '-cert-v01@openssh.com')]),
);

/**
 * The RSA signature algorithms' names, which OpenSSH also takes as the key type of an RSA
 * key (`sshkey_type_from_name`: `rsa-sha2-512 AAAAB3NzaC1yc2E...`), its blob saying
 * `ssh-rsa`: the key type each stands for.
 */
const KEY_TYPE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['rsa-sha2-256', 'ssh-rsa'],
  ['rsa-sha2-512', 'ssh-rsa'],
  ['rsa-sha2-256-cert-v01@openssh.com', 'ssh-rsa-cert-v01@openssh.com'],
  ['rsa-sha2-512-cert-v01@openssh.com', 'ssh-rsa-cert-v01@openssh.com'],
]);

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';

/**
 * misc.c `strdelimw`: a token ends at whitespace; a `"` removes itself and the token runs
 * to the next `"`. Returns the token and the rest (whitespace skipped), or undefined
 * (an unclosed quote).
 */
function takePrincipals(line: string): { token: string; rest: string } | undefined {
  const m = /[ \t"]/.exec(line);
  if (!m) return { token: line, rest: '' };
  if (m[0] !== '"')
    return { token: line.slice(0, m.index), rest: line.slice(m.index).replace(/^[ \t]+/, '') };
  const close = line.indexOf('"', m.index + 1);
  if (close < 0) return undefined;
  return {
    token: line.slice(0, m.index) + line.slice(m.index + 1, close),
    rest: line.slice(close + 1).replace(/^[ \t]+/, ''),
  };
}

/** `sshkey_read`: `keytype base64 [comment]`, the blob's own type equal to `keytype`. */
function readKey(text: string): Buffer | undefined {
  const m = /^(\S+)[ \t]+([A-Za-z0-9+/=]+)(?:[ \t]|$)/.exec(text);
  const type = KEY_TYPE_ALIASES.get(m?.[1] ?? '') ?? m?.[1];
  if (!m || type === undefined || !KEY_TYPES.has(type)) return undefined;
  const blob = decodeBase64(m[2] ?? '');
  return blob && blob.length > 0 && blobKeyType(blob) === type ? blob : undefined;
}

/** `sshkey_advance_past_options`: the options field ends at unquoted whitespace. */
function splitOptions(text: string): { options: string; rest: string } | undefined {
  let quoted = false;
  let i = 0;
  for (; i < text.length && (quoted || !isSpace(text[i])); i++) {
    if (text[i] === '\\' && text[i + 1] === '"') i++;
    else if (text[i] === '"') quoted = !quoted;
  }
  if (quoted) return undefined;
  return { options: text.slice(0, i), rest: text.slice(i).replace(/^[ \t]+/, '') };
}

/** misc.c `parse_absolute_time`: YYYYMMDD[HHMM[SS]], `Z` or `UTC` for UTC, else local time. */
function parseTime(text: string): number | undefined {
  const m = /^([0-9]{4})([0-9]{2})([0-9]{2})(?:([0-9]{2})([0-9]{2})([0-9]{2})?)?(Z|UTC)?$/i.exec(
    text,
  );
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  // Like ssh-keygen: a time without Z is in the machine's time zone.
  const ms = m[7] ? Date.UTC(y, mo - 1, d, h, mi, s) : new Date(y, mo - 1, d, h, mi, s).getTime();
  return ms > 0 ? Math.floor(ms / 1000) : undefined;
}

type Options = Pick<AllowedSigner, 'certAuthority' | 'namespaces' | 'validAfter' | 'validBefore'>;

/** auth-options.c `opt_dequote`: `"…"`, with `\"` for a quote. */
function dequote(text: string): { value: string; rest: string } | undefined {
  if (text[0] !== '"') return undefined;
  let value = '';
  let i = 1;
  for (; i < text.length && text[i] !== '"'; i++) {
    if (text[i] === '\\' && text[i + 1] === '"') i++;
    value += text[i];
  }
  return i < text.length ? { value, rest: text.slice(i + 1) } : undefined;
}

/** sshsig.c `sshsigopt_parse`. */
function parseOptions(text: string): Options | string {
  const out: { -readonly [K in keyof Options]: Options[K] } = { certAuthority: false };
  let rest = text;
  while (rest !== '') {
    const lower = rest.toLowerCase();
    if (lower.startsWith('cert-authority')) {
      out.certAuthority = true;
      rest = rest.slice('cert-authority'.length);
    } else {
      const m = /^(namespaces|valid-after|valid-before)=/i.exec(rest);
      if (!m) return 'unknown key option';
      const name = (m[1] ?? '').toLowerCase();
      const quoted = dequote(rest.slice(m[0].length));
      if (!quoted) return `the value of "${name}" needs quotes around it`;
      rest = quoted.rest;
      if (name === 'namespaces') {
        if (out.namespaces !== undefined) return 'multiple "namespaces" clauses';
        out.namespaces = quoted.value;
      } else {
        const time = parseTime(quoted.value);
        if (time === undefined) return `invalid "${name}" time`;
        const key = name === 'valid-after' ? 'validAfter' : 'validBefore';
        if (out[key] !== undefined) return `multiple "${name}" clauses`;
        out[key] = time;
      }
    }
    if (rest === '') break;
    if (rest[0] !== ',') return 'unknown key option';
    rest = rest.slice(1);
    if (rest === '') return 'unexpected end of options';
  }
  if (
    out.validAfter !== undefined &&
    out.validBefore !== undefined &&
    out.validBefore <= out.validAfter
  ) {
    return '"valid-before" time is before "valid-after"';
  }
  return out;
}

/** One line: undefined for a blank or comment line, a string for a problem. */
function parseLine(raw: string, line: number): AllowedSigner | string | undefined {
  const text = raw.replace(/^[ \t\r]+/, '').replace(/\r$/, '');
  if (text === '' || text.startsWith('#')) return undefined;
  const principals = takePrincipals(text);
  if (!principals || principals.rest === '') return 'invalid line (principals, then a key)';
  let keyBlob = readKey(principals.rest);
  let options: Options | string = { certAuthority: false };
  if (!keyBlob) {
    const split = splitOptions(principals.rest);
    if (!split) return 'invalid options';
    if (split.rest === '') return 'missing key';
    keyBlob = readKey(split.rest);
    if (!keyBlob) return 'invalid key';
    options = parseOptions(split.options);
    if (typeof options === 'string') return `bad options: ${options}`;
  }
  return { line, principals: principals.token, keyBlob, ...options };
}

/**
 * Parse the whole file. A line that cannot be read is skipped, as `ssh-keygen -Y verify`
 * skips it (it goes on to the next line: the same file gives the same answer to both),
 * and listed; a file of which no line can be read is not an allowed-signers file at all:
 * its first bad line is the problem.
 */
export function parseAllowedSigners(text: string): AllowedSignersParse {
  const signers: AllowedSigner[] = [];
  const skipped: SkippedLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const parsed = parseLine(lines[i] ?? '', i + 1);
    if (typeof parsed === 'string') skipped.push({ line: i + 1, problem: parsed });
    else if (parsed) signers.push(parsed);
  }
  const first = skipped[0];
  if (signers.length === 0 && first) return { ok: false, ...first };
  return { ok: true, signers, skipped };
}

/** match.c `match_pattern`: `*` any run, `?` any one character. */
function matchPattern(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      t++;
      p++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** match.c `match_pattern_list`: a `!pattern` that matches denies, whatever else matches. */
function matchPatternList(text: string, list: string): boolean {
  let positive = false;
  for (const raw of list.split(',')) {
    const negated = raw.startsWith('!');
    if (matchPattern(text, negated ? raw.slice(1) : raw)) {
      if (negated) return false;
      positive = true;
    }
  }
  return positive;
}

/**
 * Whether some identity matches a principals field as `ssh-keygen -Y verify -I IDENTITY`
 * matches it (a pattern list: a negated pattern that matches refuses the line): a line
 * whose patterns are all negated, or whose every positive pattern a negated one excludes
 * (`greffe@tj.example,!greffe@tj.example`, `!*,greffe@tj.example`), allows no one, and
 * OpenSSH refuses the signature whatever the identity (an audit saw courtfile call it
 * good). Each positive pattern is tried with its wildcards filled in a few ways (nothing,
 * one letter or another, a digit and a letter, a dash): an identity found is one OpenSSH
 * accepts; a line refused when none is found is one whose negations cover all of these.
 */
function allowsSomeone(principals: string): boolean {
  return principals
    .split(',')
    .some(
      (p) =>
        p !== '' &&
        !p.startsWith('!') &&
        FILLS.some(([star, one]) =>
          matchPatternList(p.replace(/\*/g, star).replace(/\?/g, one), principals),
        ),
    );
}
/** What `*` and `?` become in the identities allowsSomeone tries. */
const FILLS: readonly (readonly [string, string])[] = [
  ['', 'y'],
  ['y', 'y'],
  ['q', 'q'],
  ['7k', '7'],
  ['-', '-'],
];

/** Who may sign with `keyBlob` for `namespace` at `now`, or why the lines that list the key do not allow it. */
export function findSigner(
  signers: readonly AllowedSigner[],
  keyBlob: Buffer,
  namespace: string,
  now: number,
): { readonly signer: AllowedSigner } | { readonly refused: readonly string[] } {
  const refused: string[] = [];
  for (const signer of signers) {
    if (signer.certAuthority || !signer.keyBlob.equals(keyBlob)) continue;
    if (!allowsSomeone(signer.principals)) {
      refused.push(
        `line ${signer.line} allows no one: its principals "${signer.principals}" are all excluded by its negated patterns`,
      );
    } else if (signer.namespaces !== undefined && !matchPatternList(namespace, signer.namespaces)) {
      refused.push(
        `line ${signer.line} lists the key only for the namespaces "${signer.namespaces}"`,
      );
    } else if (signer.validAfter !== undefined && now < signer.validAfter) {
      refused.push(`line ${signer.line} makes the key valid only later (valid-after)`);
    } else if (signer.validBefore !== undefined && now > signer.validBefore) {
      refused.push(`line ${signer.line} says the key has expired (valid-before)`);
    } else return { signer };
  }
  return { refused };
}
