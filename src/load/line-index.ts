/** Maps string offsets to 1-based line and column (columns count Unicode code points). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    const off = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= off) lo = mid;
      else hi = mid - 1;
    }
    const start = this.starts[lo] ?? 0;
    let column = 1;
    for (let i = start; i < off; i++) {
      const c = this.text.charCodeAt(i);
      // Count a surrogate pair once.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < off) i++;
      column++;
    }
    return { line: lo + 1, column };
  }
}
