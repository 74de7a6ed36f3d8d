/**
 * A JSON parser that also records where every object member and array item starts, so
 * that a problem found in a value can be reported at its line and column. One pass,
 * linear in the text; nesting is bounded (no recursion deeper than `MAX_DEPTH`).
 */

/** Where the members of one parsed object, or the items of one parsed array, are. */
export type JsonPositions =
  | {
      readonly kind: 'object';
      readonly start: number;
      /** The offset of each key (its opening quote); of its last occurrence if repeated. */
      readonly keyOffsets: Readonly<Record<string, number>>;
    }
  | { readonly kind: 'array'; readonly start: number; readonly items: readonly number[] };

export type JsonParse =
  | {
      readonly ok: true;
      readonly value: unknown;
      /** Positions of every object and array of `value`, keyed by the parsed object itself. */
      readonly positions: ReadonlyMap<object, JsonPositions>;
      /** Keys written twice in one object (the last one wins, as with JSON.parse). */
      readonly duplicates: readonly { readonly key: string; readonly offset: number }[];
    }
  | { readonly ok: false; readonly offset: number; readonly message: string };

/** Deepest nesting of objects and arrays accepted. */
export const MAX_DEPTH = 64;
/**
 * Most values (objects, arrays, scalars) accepted: a bound on memory whatever the text
 * (64 MiB of `{},` would otherwise make 22 million objects); a manifest entry is 4 values.
 */
export const MAX_VALUES = 1_000_000;

/** Set an own property, "__proto__" included (as JSON.parse does), never the prototype. */
function setOwn<T>(object: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else object[key] = value;
}

class JsonError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function describeChar(text: string, at: number): string {
  if (at >= text.length) return 'the end of the file';
  const cp = text.codePointAt(at) ?? 0;
  return cp >= 0x21 && cp <= 0x7e
    ? `'${String.fromCodePoint(cp)}'`
    : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

class Parser {
  private at = 0;
  private values = 0;
  // A Map, not a WeakMap: hundreds of thousands of weak keys make every garbage collection slow.
  readonly positions = new Map<object, JsonPositions>();
  readonly duplicates: { key: string; offset: number }[] = [];

  constructor(private readonly text: string) {}

  parseDocument(): unknown {
    this.skipSpace();
    const value = this.parseValue(0);
    this.skipSpace();
    if (this.at < this.text.length)
      this.fail(`unexpected ${describeChar(this.text, this.at)} after the JSON value`);
    return value;
  }

  private fail(message: string, at = this.at): never {
    throw new JsonError(at, message);
  }

  private skipSpace(): void {
    const t = this.text;
    let i = this.at;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.at = i;
  }

  private expect(char: string, what: string): void {
    if (this.text[this.at] !== char)
      this.fail(`expected ${what}, found ${describeChar(this.text, this.at)}`);
    this.at++;
  }

  private parseValue(depth: number): unknown {
    if (++this.values > MAX_VALUES) this.fail(`more than ${MAX_VALUES} values`);
    const c = this.text[this.at];
    if (c === '{' || c === '[') {
      if (depth >= MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`);
      return c === '{' ? this.parseObject(depth + 1) : this.parseArray(depth + 1);
    }
    if (c === '"') return this.parseString();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = this.at;
    const number = NUMBER.exec(this.text);
    if (number) {
      this.at += number[0].length;
      return Number(number[0]);
    }
    return this.fail(`expected a value, found ${describeChar(this.text, this.at)}`);
  }

  private parseString(): string {
    const t = this.text;
    const start = this.at;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      if (i >= t.length) this.fail('a string is not closed', start);
      const c = t.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) this.fail(`control character ${describeChar(t, i)} inside a string`, i);
      if (c === 0x5c) {
        escaped = true;
        i++;
      }
      i++;
    }
    this.at = i + 1;
    if (!escaped) return t.slice(start + 1, i);
    try {
      return JSON.parse(t.slice(start, i + 1)) as string;
    } catch {
      return this.fail('a string has an invalid escape sequence', start);
    }
  }

  private parseObject(depth: number): Record<string, unknown> {
    const start = this.at++;
    // Plain objects (entries of one shape share their layout); "__proto__" is set as an own member.
    const object: Record<string, unknown> = {};
    const keyOffsets: Record<string, number> = {};
    this.positions.set(object, { kind: 'object', start, keyOffsets });
    this.skipSpace();
    if (this.text[this.at] === '}') {
      this.at++;
      return object;
    }
    for (;;) {
      const keyAt = this.at;
      if (this.text[keyAt] !== '"')
        this.fail(`expected a key in quotes, found ${describeChar(this.text, keyAt)}`);
      const key = this.parseString();
      this.skipSpace();
      this.expect(':', "':' after a key");
      this.skipSpace();
      const value = this.parseValue(depth);
      if (Object.hasOwn(object, key)) this.duplicates.push({ key, offset: keyAt });
      setOwn(keyOffsets, key, keyAt);
      setOwn(object, key, value);
      this.skipSpace();
      if (this.text[this.at] === ',') {
        this.at++;
        this.skipSpace();
        continue;
      }
      this.expect('}', "',' or '}'");
      return object;
    }
  }

  private parseArray(depth: number): unknown[] {
    const start = this.at++;
    const array: unknown[] = [];
    const items: number[] = [];
    this.positions.set(array, { kind: 'array', start, items });
    this.skipSpace();
    if (this.text[this.at] === ']') {
      this.at++;
      return array;
    }
    for (;;) {
      items.push(this.at);
      array.push(this.parseValue(depth));
      this.skipSpace();
      if (this.text[this.at] === ',') {
        this.at++;
        this.skipSpace();
        continue;
      }
      this.expect(']', "',' or ']'");
      return array;
    }
  }
}

/** Parse `text` as one JSON value (RFC 8259), with the positions of its members and items. */
export function parseJsonWithPositions(text: string): JsonParse {
  const parser = new Parser(text);
  try {
    const value = parser.parseDocument();
    return { ok: true, value, positions: parser.positions, duplicates: parser.duplicates };
  } catch (err) {
    if (err instanceof JsonError) return { ok: false, offset: err.offset, message: err.message };
    throw err;
  }
}

/** The offset of `key`'s last occurrence in an object (the one JSON.parse keeps), or undefined. */
export function keyOffset(
  where: Extract<JsonPositions, { kind: 'object' }>,
  key: string,
): number | undefined {
  return Object.hasOwn(where.keyOffsets, key) ? where.keyOffsets[key] : undefined;
}
