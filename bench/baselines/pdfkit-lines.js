#!/usr/bin/env node
// Floor for `courtfile render`: load the dossier with js-yaml, then draw the rows of the
// referral's long lists (transfers, exchanges, correlations, chronology; see
// referral-rows.js) as one plain text line each with bare pdfkit, the same embedded font
// (DejaVuSans, passed by file path: selecting a registered font name re-parses the TTF,
// see NOTES.md), A4 pages. No table, no layout engine, no wrapping, no header or footer:
// the least a PDF of these rows can cost with the library courtfile uses.
//
//   node bench/baselines/pdfkit-lines.js OUT.pdf [--summary SUMMARY.json] ROOT.yaml [INCLUDED.yaml...]
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { FONT, parseBaselineArgs, referralSections } from './referral-rows.js';

const { out, summary, files } = parseBaselineArgs(process.argv.slice(2));
const sections = referralSections(files, summary);
const doc = new PDFDocument({
  size: 'A4',
  margin: 40,
  info: { CreationDate: new Date(0), ModDate: new Date(0) },
});
const done = new Promise((resolve, reject) => {
  const stream = fs.createWriteStream(out);
  stream.on('finish', resolve);
  stream.on('error', reject);
  doc.pipe(stream);
});
doc.font(FONT).fontSize(8);
const lineHeight = 11;
const bottom = doc.page.height - doc.page.margins.bottom;
let y = doc.page.margins.top;
let rows = 0;
for (const section of sections) {
  for (const row of [[section.title], section.header, ...section.rows]) {
    if (y + lineHeight > bottom) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    doc.text(row.join('   '), 40, y, { lineBreak: false });
    y += lineHeight;
    rows++;
  }
}
doc.end();
await done;
process.stdout.write(`${rows} lines, ${fs.statSync(out).size} bytes\n`);
