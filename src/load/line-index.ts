/** Maps string offsets to 1-based line and column (columns count Unicode code points). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /**
   * The last position computed, to go on from it: findings come in the order of the text,
   * often many on one long line (a flow list of 100,000 ids), which counting each column
   * from the line's start made quadratic.
   */
  private last = { line: -1, offset: 0, column: 1 };

  position(offset: number): { line: number; column: number } {
    const off = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= off) lo = mid;
      else hi = mid - 1;
    }
    let from = this.starts[lo] ?? 0;
    let column = 1;
    const last = this.last;
    // Further on the same line, and not just after a high surrogate: go on from there.
    if (last.line === lo && last.offset <= off && !this.insidePair(last.offset)) {
      from = last.offset;
      column = last.column;
    }
    for (let i = from; i < off; i++) {
      const c = this.text.charCodeAt(i);
      // Count a surrogate pair once.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < off) i++;
      column++;
    }
    this.last = { line: lo, offset: off, column };
    return { line: lo + 1, column };
  }

  /**
   * Whether `offset` follows a high surrogate: counting from the line's start would take
   * it and the unit at `offset` as one character, so going on from `offset` could differ.
   */
  private insidePair(offset: number): boolean {
    const before = this.text.charCodeAt(offset - 1);
    return before >= 0xd800 && before <= 0xdbff;
  }
}
