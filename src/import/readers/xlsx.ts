import type { Mapping } from '../mapping/schema.js';
import type { SourceItem } from '../types.js';

export interface XlsxReaderOptions {
  readonly mapping: Mapping;
  readonly zone?: string;
  readonly sheet?: string;
}

/** Placeholder until the xlsx reader lands: an `import-format` error, never a guess. */
export async function* readXlsx(
  _bytes: Uint8Array,
  _options: XlsxReaderOptions,
): AsyncGenerator<SourceItem> {
  yield {
    type: 'finding',
    code: 'import-format',
    severity: 'error',
    line: 1,
    column: 1,
    message: 'the xlsx reader is not available in this build of courtfile',
  };
}
