/// <reference types="pdfkit" />
/**
 * Document information (Info dictionary) and XMP metadata. pdfkit 0.20 writes its XMP
 * packet by pasting the Info values into XML without escaping them (a title with `&` or
 * `<` gives malformed XML) and without xmp:ModifyDate (so a ModDate in Info would not be
 * matched in XMP, which PDF/A requires). We replace its `_addInfo` step on our document
 * instance with one that escapes every value and writes both dates.
 */

export interface DocumentInfo {
  readonly title: string;
  readonly subject: string;
  readonly author: string;
  readonly keywords: string;
  /** `courtfile <version>`. */
  readonly producer: string;
  readonly creator: string;
  /** BCP 47 language tag of the document (`fr`, `en`). */
  readonly language: string;
  /** Creation and modification instant (fixed by `--date` for reproducible output). */
  readonly date: Date;
}

/** Options for `new PDFDocument`: fixed dates make the output and its /ID reproducible. */
export function pdfInfo(info: DocumentInfo): PDFKit.DocumentInfo {
  return {
    Title: info.title,
    Subject: info.subject,
    Author: info.author,
    Keywords: info.keywords,
    Creator: info.creator,
    Producer: info.producer,
    CreationDate: info.date,
    ModDate: info.date,
  };
}

/** XML text escaping (element content and attribute values). */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}

function xmpDate(date: Date): string {
  return `${date.toISOString().split('.')[0] ?? ''}Z`;
}

/** The rdf:Description elements of the document information, every value escaped. */
export function xmpDescriptions(info: DocumentInfo): string {
  const e = escapeXml;
  const alt = (value: string) =>
    `<rdf:Alt><rdf:li xml:lang="x-default">${e(value)}</rdf:li></rdf:Alt>`;
  const date = xmpDate(info.date);
  return `
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate>${date}</xmp:CreateDate>
            <xmp:ModifyDate>${date}</xmp:ModifyDate>
            <xmp:MetadataDate>${date}</xmp:MetadataDate>
            <xmp:CreatorTool>${e(info.creator)}</xmp:CreatorTool>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:format>application/pdf</dc:format>
            <dc:title>${alt(info.title)}</dc:title>
            <dc:creator><rdf:Seq><rdf:li>${e(info.author)}</rdf:li></rdf:Seq></dc:creator>
            <dc:description>${alt(info.subject)}</dc:description>
            <dc:language><rdf:Bag><rdf:li>${e(info.language)}</rdf:li></rdf:Bag></dc:language>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>${e(info.producer)}</pdf:Producer>
            <pdf:Keywords>${e(info.keywords)}</pdf:Keywords>
        </rdf:Description>
${PDFUA_XMP}`;
}

/**
 * PDF/UA-1 identification (ISO 14289-1 §5), with the PDF/A extension schema that declares
 * the pdfuaid namespace: PDF/A-2 (ISO 19005-2 §6.6.2.3) allows only predefined schemas
 * or ones declared in the packet. pdfkit's own PDF/UA subset cannot be combined with its
 * PDF/A-2b one (one `subset` option; and its PDF/UA subset would number the document part
 * 1 and so write a PDF/A-1 CIDSet, pdfkit #1432), so this is written here.
 */
const PDFUA_XMP = `        <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas>
                <rdf:Bag>
                    <rdf:li rdf:parseType="Resource">
                        <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                        <pdfaSchema:property>
                            <rdf:Seq>
                                <rdf:li rdf:parseType="Resource">
                                    <pdfaProperty:name>part</pdfaProperty:name>
                                    <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                                    <pdfaProperty:category>internal</pdfaProperty:category>
                                    <pdfaProperty:description>Part of ISO 14289 to which the document conforms</pdfaProperty:description>
                                </rdf:li>
                            </rdf:Seq>
                        </pdfaSchema:property>
                    </rdf:li>
                </rdf:Bag>
            </pdfaExtension:schemas>
        </rdf:Description>
`;

interface MetadataInternals {
  _addInfo(): void;
  appendXML(xml: string, newline?: boolean): void;
}

/** Make `doc` write our escaped XMP instead of pdfkit's (called once, before `end()`). */
export function installXmp(doc: PDFKit.PDFDocument, info: DocumentInfo): void {
  const internals = doc as unknown as MetadataInternals;
  if (typeof internals._addInfo !== 'function' || typeof internals.appendXML !== 'function') {
    throw new Error(
      'internal: this pdfkit version has no _addInfo/appendXML (XMP escaping cannot be installed)',
    );
  }
  internals._addInfo = () => internals.appendXML(xmpDescriptions(info));
}
