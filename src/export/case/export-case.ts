/**
 * `courtfile export --to case`: a validated dossier as one CASE/UCO 1.4 JSON-LD
 * document, `{"@context": {...}, "@graph": [...]}`, produced as text in chunks so that
 * a large dossier is written without holding the whole text in memory.
 *
 * Same dossier and options, same bytes: records are sorted by id within each kind
 * (persons, accounts, exhibits with their files and custody, exchanges, transfers),
 * keys within a node are in a fixed order, and the text is indented by two spaces.
 */
import { buildRateBook } from '../../facts/index.js';
import { indexParties } from '../../facts/parties.js';
import { buildTransferLines } from '../../facts/transfers.js';
import type { Dossier } from '../../model/dossier.js';
import { ExportContext, byId } from './context.js';
import { exchangeNode } from './exchanges.js';
import { custodyIri, exhibitNodes, fileIri } from './exhibits.js';
import { investigationNode, vocabularyNodes } from './investigation.js';
import type { JsonLdObject } from './literals.js';
import { accountNode, personNode } from './parties.js';
import { transferNode } from './transfers.js';
import { caseContext } from './vocabulary.js';

export interface CaseExportOptions {
  /** Write victims' names, birth dates, aliases and account identifiers (default: pseudonyms only). */
  readonly revealVictims?: boolean;
}

/** Nodes serialized at a time (about 1-2 MB of text). */
const BATCH = 1500;

function exportContext(dossier: Dossier, options: CaseExportOptions): ExportContext {
  const lines = buildTransferLines(dossier, indexParties(dossier), buildRateBook(dossier.rates));
  return new ExportContext(
    dossier,
    options.revealVictims ?? false,
    new Map(lines.map((line) => [line.transfer, line] as const)),
  );
}

/** IRIs of every record node, in graph order: the investigation's `uco-core:object`. */
function recordIris(ctx: ExportContext, sorted: SortedRecords): string[] {
  const { iris } = ctx;
  const out: string[] = [];
  for (const p of sorted.persons) out.push(iris.of('person', p.id));
  for (const a of sorted.accounts) out.push(iris.of('account', a.id));
  for (const e of sorted.evidence) {
    const id = iris.of('exhibit', e.id);
    out.push(id);
    e.files.forEach((_, i) => out.push(fileIri(id, i + 1)));
    e.custody.forEach((_, i) => out.push(custodyIri(id, i + 1)));
  }
  for (const x of sorted.exchanges) out.push(iris.of('exchange', x.id));
  for (const t of sorted.transfers) out.push(iris.of('transfer', t.id));
  return out;
}

type SortedRecords = Pick<Dossier, 'persons' | 'accounts' | 'evidence' | 'exchanges' | 'transfers'>;

/** The graph's top-level nodes, in output order. */
export function caseGraphNodes(
  dossier: Dossier,
  options: CaseExportOptions = {},
): Generator<JsonLdObject> {
  return graphNodes(exportContext(dossier, options));
}

function* graphNodes(ctx: ExportContext): Generator<JsonLdObject> {
  const { dossier } = ctx;
  const sorted: SortedRecords = {
    persons: byId(dossier.persons),
    accounts: byId(dossier.accounts),
    evidence: byId(dossier.evidence),
    exchanges: byId(dossier.exchanges),
    transfers: byId(dossier.transfers),
  };
  yield* vocabularyNodes();
  yield investigationNode(ctx, recordIris(ctx, sorted));
  for (const p of sorted.persons) yield personNode(ctx, p);
  for (const a of sorted.accounts) yield accountNode(ctx, a);
  for (const e of sorted.evidence) yield* exhibitNodes(ctx, e);
  for (const x of sorted.exchanges) yield exchangeNode(ctx, x);
  for (const t of sorted.transfers) yield transferNode(ctx, t);
}

/** The JSON-LD document as text, in chunks (concatenated: the whole file, ending with a newline). */
export function* caseDocumentChunks(
  dossier: Dossier,
  options: CaseExportOptions = {},
): Generator<string> {
  const ctx = exportContext(dossier, options);
  const context = JSON.stringify(caseContext(ctx.iris.base), null, 2);
  yield `{\n  "@context": ${context.replace(/\n/g, '\n  ')},\n  "@graph": [`;
  let batch: JsonLdObject[] = [];
  let first = true;
  const flush = () => {
    // Stringified inside `{"@graph": [...]}`, each node comes out indented as it is in the
    // document: cut the wrapper's first and last lines off.
    const text = JSON.stringify({ '@graph': batch }, null, 2);
    const body = text.slice(GRAPH_OPEN.length, text.length - GRAPH_CLOSE.length);
    const chunk = `${first ? '\n' : ',\n'}${body}`;
    first = false;
    batch = [];
    return chunk;
  };
  for (const n of graphNodes(ctx)) {
    batch.push(n);
    if (batch.length === BATCH) yield flush();
  }
  if (batch.length > 0) yield flush();
  yield '\n  ]\n}\n';
}

const GRAPH_OPEN = '{\n  "@graph": [\n';
const GRAPH_CLOSE = '\n  ]\n}';

/** The whole document as one string (for small dossiers and tests). */
export function caseDocumentText(dossier: Dossier, options: CaseExportOptions = {}): string {
  let text = '';
  for (const chunk of caseDocumentChunks(dossier, options)) text += chunk;
  return text;
}
