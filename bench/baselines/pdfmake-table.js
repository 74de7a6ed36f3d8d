#!/usr/bin/env node
// Peer for `courtfile render`: pdfmake (the common declarative PDF library, itself built
// on pdfkit) drawing the same rows as the floor (transfers, exchanges, correlations,
// chronology; see referral-rows.js) as tables with a repeated header row, the same
// DejaVuSans font by file path, A4. Exit status 3 when pdfmake is not installed.
//
//   node bench/baselines/pdfmake-table.js OUT.pdf [--summary SUMMARY.json] ROOT.yaml [INCLUDED.yaml...]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { FONT, parseBaselineArgs, referralSections } from './referral-rows.js';

const require = createRequire(import.meta.url);
/** @type {any} */
let pdfmake;
try {
  pdfmake = require('pdfmake');
} catch {
  process.stderr.write('skipped: pdfmake not installed\n');
  process.exit(3);
}
const { out, summary, files } = parseBaselineArgs(process.argv.slice(2));
const sections = referralSections(files, summary);
const fonts = { DejaVu: { normal: FONT, bold: FONT, italics: FONT, bolditalics: FONT } };
const docDefinition = {
  pageSize: 'A4',
  pageMargins: [40, 40, 40, 40],
  info: { creationDate: new Date(0) },
  defaultStyle: { font: 'DejaVu', fontSize: 8 },
  content: sections.flatMap((s) => [
    { text: s.title, fontSize: 12, margin: [0, 8, 0, 4] },
    { table: { headerRows: 1, widths: s.header.map(() => '*'), body: [s.header, ...s.rows] } },
  ]),
};
if (typeof pdfmake === 'function') {
  // pdfmake 0.2: new PdfPrinter(fonts).createPdfKitDocument(dd)
  const doc = new pdfmake(fonts).createPdfKitDocument(docDefinition);
  await new Promise((resolve, reject) => {
    const stream = fs.createWriteStream(out);
    stream.on('finish', resolve);
    stream.on('error', reject);
    doc.pipe(stream);
    doc.end();
  });
} else {
  // pdfmake 0.3: a singleton with setFonts() and createPdf(dd).write(file)
  pdfmake.setFonts(fonts);
  pdfmake.setUrlAccessPolicy?.(() => false);
  await pdfmake.createPdf(docDefinition).write(out);
}
process.stdout.write(
  `${sections.reduce((n, s) => n + s.rows.length, 0)} rows, ${fs.statSync(out).size} bytes\n`,
);
