import type { HeadingSpec } from './blocks/heading.js';

/**
 * Heading numbers ("2.", "2.3") and anchors. Anchors are sequence numbers (`h0001`),
 * zero-padded so that the PDF name tree sorts the same way in every locale, and so that
 * no name from the dossier ever becomes a destination name.
 */
export class Headings {
  readonly all: HeadingSpec[] = [];
  private chapter = 0;
  private sub = 0;

  constructor(private readonly numbering: boolean) {}

  /** A numbered section heading (level 1 or 2). */
  section(level: 1 | 2, title: string, toc: boolean): HeadingSpec {
    let number = '';
    if (this.numbering) {
      if (level === 1) {
        this.chapter++;
        this.sub = 0;
        number = `${this.chapter}. `;
      } else {
        this.sub++;
        number = this.chapter > 0 ? `${this.chapter}.${this.sub}. ` : `${this.sub}. `;
      }
    }
    return this.add({ level, text: number + title, toc, outline: toc });
  }

  /** A heading without a number (contents, annexes, sub-headings). */
  plain(level: 1 | 2 | 3, title: string, toc: boolean): HeadingSpec {
    return this.add({ level, text: title, toc, outline: toc || level < 3 });
  }

  private add(spec: Omit<HeadingSpec, 'anchor'>): HeadingSpec {
    const heading = { ...spec, anchor: `h${String(this.all.length + 1).padStart(4, '0')}` };
    this.all.push(heading);
    return heading;
  }
}
