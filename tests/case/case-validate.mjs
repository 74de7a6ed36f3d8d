#!/usr/bin/env node
// case-validate.mjs: validate CASE/UCO 1.4.0 JSON-LD against the CASE 1.4.0 ontology + SHACL shapes,
// with SHACL-SPARQL constraints (e.g. "UcoThings are required to not be blank nodes").
//
// Vendored into courtfile from the project's shared tools (../shared/tools/case-validate.mjs, the
// validator checked against the CASE-Examples illustrations and their pySHACL reports), changed only
// so that it runs from this repository: it loads its modules from the repository's own node_modules
// (dev dependencies pinned in package.json), reads the ontology from ./ontology beside it, and is
// also a module: `validateCase()` returns the results as data for tests/export/*.test.ts.
//
// Usage: node tests/case/case-validate.mjs [--each] [--no-info] [--ontology DIR] [--ontology-graph EXTRA.ttl]... DATA.jsonld [more ...]
//   default   all inputs are pooled into one data graph (as case_validate does with several files)
//   --each    validate each input on its own (one section per file, then a total line)
//   --no-info do not print sh:Info results (they never affect conformance here)
//   --ontology DIR  folder holding case-1.4.0.ttl and case-1.4.0-subclasses.ttl (default: ./ontology
//             beside this script; env CASE_ONTOLOGY_DIR)
//   --ontology-graph F  extra Turtle ontology/shapes (e.g. a drafting.ttl extension), added to the
//             shapes graph and its rdfs:subClassOf triples to the data graph (as case_validate's flag)
// Output: one block per result (severity, message, focus node, path, value, source shape), then
//   conforms: true|false (N violations, M warnings)
// Exit: 0 when there is no sh:Violation, 1 when there is one or more, 2 on usage or load errors.
// Modules: shacl-engine, jsonld, n3, @rdfjs/*, @comunica/*, @traqula/* from the repository's
// node_modules (override: CASE_TOOLS_NODE_MODULES=DIR).
//
// What it does, and how it relates to CASE-Utilities-Python's case_validate (pySHACL):
// - Shapes graph = case-1.4.0.ttl (ontology and shapes are one graph), with the same TBox-review
//   shapes deactivated in memory as case_validate does by default (the file is not modified).
// - Data graph = the JSON-LD (expanded + converted to RDF by jsonld.js, base IRI = the file URL)
//   plus case-1.4.0-subclasses.ttl, so that SPARQL constraints written as `$this a/rdfs:subClassOf* X`
//   see subclass instances. (case_validate mixes the whole ontology into the data graph; only the
//   rdfs:subClassOf closure matters for the shapes, and the rest would only slow SPARQL down.)
//   rdfs:subClassOf triples declared in the data (extension classes) are also added to the shapes
//   graph, because shacl-engine resolves sh:targetClass / sh:class subclasses in the shapes graph.
// - No RDFS/OWL inference (case_validate's default is also "none").
// - Like case_validate, IRIs in the UCO/CASE namespaces that the ontology does not define (typo'd or
//   unknown class/property/datatype) are reported. case_validate reports them as warnings that make
//   it non-conformant unless --allow-warnings; here they are counted as violations (exit 1).
// - Severity: only sh:Violation makes conforms false. (pySHACL's default also fails on Warning
//   and Info; case_validate needs --allow-warnings / --allow-info for this script's behaviour.)
// - JSON-LD terms that jsonld.js drops (e.g. a key with no IRI mapping) are reported as warnings.
// - No network: a remote @context (any URL) is refused with an error (exit 2), never fetched.

import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath, pathToFileURL } from 'node:url'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const NM = process.env.CASE_TOOLS_NODE_MODULES || path.join(HERE, '..', '..', 'node_modules')
const DEFAULT_ONTOLOGY = process.env.CASE_ONTOLOGY_DIR || path.join(HERE, 'ontology')
const INSTALL = 'npm ci (they are dev dependencies of courtfile)'

const SH = 'http://www.w3.org/ns/shacl#'
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#'
const OWL = 'http://www.w3.org/2002/07/owl#'
const XSD = 'http://www.w3.org/2001/XMLSchema#'
const UCO_OWL = 'https://ontology.unifiedcyberontology.org/owl/'
const CDO_PREFIXES = ['https://ontology.unifiedcyberontology.org/', 'https://ontology.caseontology.org/']

// Shapes that review OWL/SHACL definitions (the "TBox"); case_validate deactivates them unless --review-tbox.
const TBOX_SHAPES = [
  'DataOneOf-shape', 'DatatypeProperty-shacl-constraints-shape', 'Disjointedness-AP-DP-shape',
  'Disjointedness-AP-OP-shape', 'Disjointedness-C-DT-shape', 'Disjointedness-DP-OP-shape',
  'ObjectProperty-shacl-constraints-shape', 'Sequence-shape', 'disjointUnionOf-subjects-shape',
  'hasKey-subjects-shape', 'intersectionOf-subjects-shape', 'onProperties-subjects-shape',
  'oneOf-subjects-shape', 'ontologyIRI-versionIRI-prerequisite-shape', 'propertyChainAxiom-subjects-shape',
  'unionOf-subjects-shape', 'versionIRI-nodeKind-shape', 'withRestrictions-subjects-shape'
]

export class UsageError extends Error {}
let NS // shacl-engine's namespace terms, set once the modules are loaded

function usage (msg) {
  if (msg) console.error(`case-validate: ${msg}`)
  console.error('usage: node case-validate.mjs [--each] [--no-info] [--ontology DIR] [--ontology-graph EXTRA.ttl]... DATA.jsonld [more.jsonld ...]')
  process.exit(2)
}

function parseArgs (argv) {
  const opts = { each: false, info: true, ontologyDir: DEFAULT_ONTOLOGY, supplements: [], files: [] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = what => {
      if (i + 1 >= argv.length) usage(`${a} needs ${what}`)
      return argv[++i]
    }
    if (a === '--each') opts.each = true
    else if (a === '--no-info') opts.info = false
    else if (a === '--ontology') opts.ontologyDir = value('a folder')
    else if (a === '--ontology-graph') opts.supplements.push(value('a Turtle file'))
    else if (a === '-h' || a === '--help') usage()
    else if (a === '--') {
      opts.files.push(...argv.slice(i + 1))
      break
    } else if (a.startsWith('-')) usage(`unknown option ${a}`)
    else opts.files.push(a)
  }
  if (opts.files.length === 0) usage('no data file given')
  return opts
}

async function loadModules () {
  const imp = p => import(pathToFileURL(path.join(NM, p)).href)
  try {
    const [validatorMod, nsMod, parsePathMod, esparqlMod, comunicaMod, bfMod, parserMod, algebraMod, rulesMod, jsonldMod, n3Mod, dmMod, dsMod] = await Promise.all([
      imp('shacl-engine/Validator.js'),
      imp('shacl-engine/lib/namespaces.js'),
      imp('shacl-engine/lib/parsePath.js'),
      imp('shacl-engine/lib/sparql.js'),
      imp('@comunica/query-sparql-rdfjs-lite/lib/index.js'),
      imp('@comunica/utils-bindings-factory/lib/index.js'),
      imp('@traqula/parser-sparql-1-2/dist/cjs/lib/index.js'),
      imp('@traqula/algebra-sparql-1-2/dist/cjs/lib/index.js'),
      imp('@traqula/rules-sparql-1-2/dist/cjs/lib/index.js'),
      imp('jsonld/lib/index.js'),
      imp('n3/lib/index.js'),
      imp('@rdfjs/data-model/index.js'),
      imp('@rdfjs/dataset/index.js')
    ])
    return {
      Validator: validatorMod.default,
      ns: nsMod,
      parsePath: parsePathMod.default,
      stringifyPath: esparqlMod.stringifyPath,
      QueryEngine: (comunicaMod.default || comunicaMod).QueryEngine,
      BindingsFactory: (bfMod.default || bfMod).BindingsFactory,
      SparqlParser: (parserMod.default || parserMod).Parser,
      toAlgebra: (algebraMod.default || algebraMod).toAlgebra,
      AstFactory: (rulesMod.default || rulesMod).AstFactory,
      jsonld: jsonldMod.default,
      N3: n3Mod.default || n3Mod,
      dm: dmMod.default,
      rdfDataset: dsMod.default
    }
  } catch (err) {
    throw new UsageError(`cannot load the npm modules from ${NM} (${err.message}).\n` + `Install them: ${INSTALL}`)
  }
}

// A DatasetCore over an N3 Store: cheap match() (an array, no index rebuilt per call, unlike
// @rdfjs/dataset) for shacl-engine's traversals, and an RDF/JS Source (stream match + countQuads)
// for Comunica.
class QuadList {
  constructor (quads) { this.quads = quads }
  get size () { return this.quads.length }
  [Symbol.iterator] () { return this.quads[Symbol.iterator]() }
}

class StoreDataset {
  constructor (M, quads) {
    this.store = new M.N3.Store()
    for (const q of quads) this.store.addQuad(q)
    this.source = {
      match: (s, p, o, g) => Readable.from(this.store.readQuads(s || null, p || null, o || null, g || null)),
      countQuads: (s, p, o, g) => this.store.countQuads(s || null, p || null, o || null, g || null)
    }
  }

  get size () { return this.store.size }
  match (s, p, o, g) { return new QuadList(this.store.getQuads(s || null, p || null, o || null, g || null)) }
  has (q) { return this.store.has(q) }
  add (q) { this.store.addQuad(q); return this }
  delete (q) { this.store.removeQuad(q); return this }
  [Symbol.iterator] () { return this.store.readQuads(null, null, null, null) }
}

// SHACL-SPARQL constraints (sh:sparql / sh:select): same results as shacl-engine/sparql.js
// ($this pre-bound to the focus node, $PATH substituted, sh:prefixes declarations prepended,
// ?value and ?path read from the solutions), with two fixes:
// - Speed. The stock plugin builds a new Comunica engine (and SPARQL parser) per focus node: ~14 s
//   of validation for the 260-triple CASE-Examples file.json (one shared engine: ~6 s). Here each
//   query is parsed once, and a query that is safe to evaluate with $this unbound (every solution
//   binds $this through a triple pattern or path; no sub-SELECT, VALUES, MINUS, SERVICE, LIMIT or
//   ORDER BY; any GROUP BY includes $this) runs once per data graph, its solutions grouped by
//   $this (~0.6 s). Other queries run once per focus node with $this pre-bound.
// - CASE 1.4.0's types:Dictionary key-uniqueness queries (see compile) make the stock plugin throw
//   "Variable not allowed in projection" on any data graph that has a types:Dictionary.
function sparqlValidations (M) {
  const { ns } = M
  const engine = new M.QueryEngine()
  const bindingsFactory = new M.BindingsFactory(M.dm)
  const parser = new M.SparqlParser()
  const thisVar = M.dm.variable('this')
  const stats = { batched: 0, prebound: 0 }

  const prefixesOf = (ptr, out = []) => {
    for (const imports of ptr.out([ns.owl.imports])) prefixesOf(imports, out)
    for (const declare of ptr.out([ns.sh.declare])) {
      out.push(`PREFIX ${declare.out([ns.sh.prefix]).value}: <${declare.out([ns.sh.namespace]).value}>`)
    }
    return out
  }

  const parse = query => M.toAlgebra(parser.parse(query, { astFactory: new M.AstFactory() }),
    { quads: true, blankToVariable: true, dataFactory: M.dm })

  const isThis = t => t && t.termType === 'Variable' && t.value === 'this'
  const quadBinds = q => [q.subject, q.predicate, q.object, q.graph].some(isThis)
  // Does every solution of op bind ?this (through a pattern, not an expression)?
  const binds = op => {
    switch (op.type) {
      case 'bgp': return op.patterns.some(quadBinds)
      case 'pattern': return quadBinds(op)
      case 'path': return isThis(op.subject) || isThis(op.object)
      case 'join': return op.input.some(binds)
      case 'leftjoin': return binds(op.input[0])
      case 'union': return op.input.every(binds)
      case 'filter': case 'distinct': case 'reduced': return binds(op.input)
      case 'extend': return !isThis(op.variable) && binds(op.input)
      case 'group': return op.variables.some(isThis) && binds(op.input)
      default: return false
    }
  }
  // Operators (outside FILTER expressions) under which "evaluate once, group by $this" is allowed.
  // A GROUP BY that includes $this is allowed too: its groups never mix focus nodes.
  const SAFE = new Set(['bgp', 'pattern', 'path', 'join', 'leftjoin', 'union', 'filter', 'distinct', 'reduced', 'extend', 'group'])
  const safeTree = op => SAFE.has(op.type) && (op.type === 'extend' ? !isThis(op.variable) : true) &&
    (op.type === 'group' ? op.variables.some(isThis) : true) &&
    (Array.isArray(op.input) ? op.input.every(safeTree) : op.input ? safeTree(op.input) : true)
  const batchable = alg => {
    let op = alg
    if (op.type === 'distinct' || op.type === 'reduced') op = op.input
    if (op.type !== 'project') return null
    if (!safeTree(op.input) || !binds(op.input)) return null
    const variables = op.variables.some(isThis) ? op.variables : [...op.variables, thisVar]
    const project = { ...op, variables }
    return alg === op ? project : { ...alg, input: project }
  }

  // Comunica hands back data blank nodes as scoped (skolemized) blank nodes: map them back.
  const SKOLEM = 'urn:comunica_skolem:source_'
  const plain = t => {
    if (t && t.termType === 'BlankNode' && t.skolemized && t.skolemized.value.startsWith(SKOLEM)) {
      const v = t.skolemized.value
      return M.dm.blankNode(v.slice(v.indexOf(':', SKOLEM.length) + 1))
    }
    return t
  }
  const key = t => `${t.termType}|${t.value}|${t.language || ''}|${t.datatype ? t.datatype.value : ''}`
  const run = async (dataset, alg, initial) => {
    if (!(dataset instanceof StoreDataset)) throw new Error('data graph is not a StoreDataset')
    const ctx = { sources: [dataset.source] }
    if (initial) ctx.initialBindings = bindingsFactory.bindings(initial)
    const rows = await (await engine.queryBindings(alg, ctx)).toArray()
    return rows.map(row => { const o = new Map(); for (const [k, v] of row) o.set(k.value, plain(v)); return o })
  }

  const batches = new WeakMap() // dataset -> Map(query -> Promise<Map(thisKey -> rows)>)
  const rowsFor = async (dataset, compiled, focus) => {
    if (!compiled.batch) {
      stats.prebound++
      return (await run(dataset, compiled.alg, [[thisVar, focus]])).map(r => { if (!r.has('this')) r.set('this', focus); return r })
    }
    let perDataset = batches.get(dataset)
    if (!perDataset) batches.set(dataset, perDataset = new Map())
    let p = perDataset.get(compiled)
    if (!p) {
      stats.batched++
      p = run(dataset, compiled.batch).then(rows => {
        const byThis = new Map()
        for (const r of rows) {
          const k = key(r.get('this'))
          if (!byThis.has(k)) byThis.set(k, [])
          byThis.get(k).push(r)
        }
        return byThis
      })
      perDataset.set(compiled, p)
    }
    return (await p).get(key(focus)) || []
  }

  const compile = shape => {
    const selectText = shape.sparql.out([ns.sh.select]).value
    if (!selectText) return {}
    const prefixes = prefixesOf(shape.sparql.out([ns.sh.prefixes]))
    const query = [...prefixes, selectText].join('\n').split('$PATH').join(M.stringifyPath(shape.path))
    const message = shape.sparql.out([ns.sh.message]).terms
    const source = shape.sparql.terms
    let alg
    try {
      alg = parse(query)
    } catch (err) {
      // CASE 1.4.0's two types:Dictionary key-uniqueness queries project $this with "GROUP BY ?value"
      // only: invalid SPARQL 1.1 unless $this is substituted first (pySHACL does so). $this is a
      // constant per focus node, so grouping by it as well gives the same solutions and parses.
      const rewritten = /\bGROUP\s+BY\s+/i.test(query) && query.replace(/\bGROUP\s+BY\s+/i, 'GROUP BY $this ')
      try {
        if (!rewritten) throw err
        alg = parse(rewritten)
      } catch {
        throw new UsageError(`cannot parse a SPARQL constraint of ${shape.ptr.value}: ${err.message}`)
      }
    }
    // CASE_VALIDATE_NO_BATCH=1 (a debugging aid) evaluates per focus node whatever can be, to compare;
    // Comunica cannot pre-bind $this under GROUP BY, so grouped queries are always batched.
    const batch = batchable(alg)
    const grouped = JSON.stringify(alg, (k, v) => (v && v.termType ? undefined : v)).includes('"type":"group"')
    const compiled = { alg, batch: process.env.CASE_VALIDATE_NO_BATCH && !grouped ? null : batch }
    return {
      generic: async context => {
        const rows = await rowsFor(context.focusNode.dataset, compiled, context.focusNode.term)
        for (const row of rows) {
          const args = {}
          for (const [k, v] of row) args[k] = v
          const path = row.has('path') && M.parsePath(context.focusNode.node([row.get('path')]))
          const value = context.focusNode.node([row.get('value') || context.focusNode.term])
          context.violation(ns.sh.SPARQLConstraintComponent, { args, message, path, source, value })
        }
      }
    }
  }

  // SPARQL-based targets (sh:target [ sh:select ... ]); CASE 1.4.0 has none, kept for completeness.
  const resolveTarget = async (targetPtr, context) => {
    const q = targetPtr.out([ns.sh.select]).value
    if (!q) return []
    return (await run(context.focusNode.dataset, parse(q))).map(r => r.get('this')).filter(Boolean)
  }

  return { stats, validations: new Map([[ns.sh.sparql, compile]]), targetResolvers: new Map([[ns.sh.target, resolveTarget]]) }
}

function parseTurtleFile (M, file, sink) {
  let text
  try { text = fs.readFileSync(file, 'utf8') } catch (err) { throw new UsageError(`cannot read ${file}: ${err.message}`) }
  const parser = new M.N3.Parser({ factory: M.dm, baseIRI: pathToFileURL(file).href })
  const prefixes = {}
  try {
    for (const q of parser.parse(text, null, (p, iri) => { prefixes[p] = iri.value })) sink(q)
  } catch (err) {
    throw new UsageError(`cannot parse ${file}: ${err.message}`)
  }
  return prefixes
}

// Convert a jsonld.js quad (plain objects) to RDF/JS terms of @rdfjs/data-model.
function toTerm (M, t) {
  switch (t.termType) {
    case 'NamedNode': return M.dm.namedNode(t.value)
    case 'BlankNode': return M.dm.blankNode(t.value.startsWith('_:') ? t.value.slice(2) : t.value)
    case 'Literal': return M.dm.literal(t.value, t.language || (t.datatype ? M.dm.namedNode(t.datatype.value) : undefined))
    case 'DefaultGraph': return M.dm.defaultGraph()
    default: throw new Error(`unexpected term type ${t.termType}`)
  }
}

function readJsonFile (file) {
  let text
  try { text = fs.readFileSync(file, 'utf8') } catch (err) { throw new UsageError(`cannot read ${file}: ${err.message}`) }
  try { return JSON.parse(text) } catch (err) { throw new UsageError(`${file} is not JSON: ${err.message}`) }
}

// `file` names the document in messages; its absolute file URL is the base IRI.
async function loadJsonLd (M, file, doc, fileIndex, jsonldWarnings, dataPrefixes) {
  const documentLoader = async url => {
    throw new UsageError(`${file} references a remote JSON-LD @context (${url}); this validator never uses the network. ` +
      'Inline the context as an object in the document.')
  }
  const eventHandler = ({ event, next }) => {
    if (event.level === 'warning') jsonldWarnings.push({ file, code: event.code, details: event.details })
    next()
  }
  let quads
  try {
    quads = await M.jsonld.toRDF(doc, { base: pathToFileURL(path.resolve(file)).href, documentLoader, eventHandler, produceGeneralizedRdf: false })
  } catch (err) {
    let e = err
    while (e && !(e instanceof UsageError) && e.details && e.details.cause) e = e.details.cause
    if (e instanceof UsageError) throw e
    if (err.cause instanceof UsageError) throw err.cause
    throw new UsageError(`cannot convert ${file} to RDF: ${err.message}${err.details && err.details.code ? ' (' + err.details.code + ')' : ''}`)
  }
  // Prefixes of an inline top-level @context, to print IRIs compactly.
  for (const ctx of [].concat(doc && typeof doc === 'object' && !Array.isArray(doc) ? doc['@context'] || [] : [])) {
    if (ctx && typeof ctx === 'object') {
      for (const [k, v] of Object.entries(ctx)) if (typeof v === 'string' && /[/#]$/.test(v) && !k.startsWith('@')) dataPrefixes[k] = v
    }
  }
  // Blank node labels are made unique per file, so that pooled files do not share blank nodes.
  return quads.map(q => {
    const fix = t => (t.termType === 'BlankNode' ? { termType: 'BlankNode', value: `f${fileIndex}_${t.value.replace(/^_:/, '')}` } : t)
    return M.dm.quad(toTerm(M, fix(q.subject)), toTerm(M, q.predicate), toTerm(M, fix(q.object)), M.dm.defaultGraph())
  })
}

function isCdo (iri) {
  return CDO_PREFIXES.some(p => iri.startsWith(p))
}

function knownCdoConcepts (shapesQuads) {
  const structural = new Set([OWL + 'Class', OWL + 'AnnotationProperty', OWL + 'DatatypeProperty', OWL + 'ObjectProperty',
    RDFS + 'Datatype', SH + 'NodeShape', SH + 'PropertyShape', SH + 'Shape', OWL + 'Ontology'])
  const ontologyPreds = new Set([OWL + 'backwardCompatibleWith', OWL + 'imports', OWL + 'incompatibleWith', OWL + 'priorVersion', OWL + 'versionIRI'])
  const known = new Set()
  for (const q of shapesQuads) {
    if (q.predicate.value === RDF + 'type' && structural.has(q.object.value) && q.subject.termType === 'NamedNode') known.add(q.subject.value)
    if (ontologyPreds.has(q.predicate.value)) { known.add(q.subject.value); known.add(q.object.value) }
  }
  return known
}

function unknownCdoConcepts (dataQuads, known) {
  const unknown = new Map() // iri -> first subject seen using it
  const see = (iri, subject) => { if (isCdo(iri) && !known.has(iri) && !unknown.has(iri)) unknown.set(iri, subject) }
  for (const q of dataQuads) {
    for (const t of [q.subject, q.predicate, q.object]) {
      if (t.termType === 'NamedNode') see(t.value, q.subject)
      else if (t.termType === 'Literal' && t.datatype) see(t.datatype.value, q.subject)
    }
  }
  return unknown
}

function makeCompactor (prefixes) {
  const entries = Object.entries(prefixes).filter(([, ns]) => ns).sort((a, b) => b[1].length - a[1].length)
  return iri => {
    for (const [p, ns] of entries) {
      if (iri.startsWith(ns) && /^[A-Za-z0-9_.-]*$/.test(iri.slice(ns.length))) return `${p}:${iri.slice(ns.length)}`
    }
    return `<${iri}>`
  }
}

function fmtTerm (t, compact) {
  if (!t) return '-'
  if (t.termType === 'NamedNode') return compact(t.value)
  if (t.termType === 'BlankNode') return `_:${t.value}`
  if (t.termType === 'Literal') {
    let v = JSON.stringify(t.value.length > 80 ? t.value.slice(0, 77) + '...' : t.value)
    if (t.language) v += `@${t.language}`
    else if (t.datatype && t.datatype.value !== XSD + 'string') v += `^^${compact(t.datatype.value)}`
    return v
  }
  return String(t.value)
}

function fmtPath (p, compact) {
  if (!p || p.length === 0) return '-'
  return p.map(step => {
    let s = step.predicates.map(x => compact(x.value)).join('|')
    if (step.predicates.length > 1) s = `(${s})`
    if (step.start === 'object' && step.end === 'subject') s = '^' + s
    if (step.quantifier === 'oneOrMore') s += '+'
    else if (step.quantifier === 'zeroOrMore') s += '*'
    else if (step.quantifier === 'zeroOrOne') s += '?'
    return s
  }).join('/')
}

function sevName (term) {
  const v = term && term.value
  if (v === SH + 'Violation') return 'Violation'
  if (v === SH + 'Warning') return 'Warning'
  if (v === SH + 'Info') return 'Info'
  return null // shn:Debug / shn:Trace
}

// shacl-engine has no default message for these components.
function defaultMessage (r, compact) {
  const comp = r.constraintComponent.value.slice(SH.length)
  const objs = p => (r.shape && r.shape.ptr ? r.shape.ptr.out([NS.sh[p]]).terms : [])
  switch (comp) {
    case 'ClassConstraintComponent': return `Value is not an instance of ${objs('class').map(t => fmtTerm(t, compact)).join(' / ') || 'the required class'}`
    case 'OrConstraintComponent': return 'Value does not conform to any of the sh:or shapes'
    case 'AndConstraintComponent': return 'Value does not conform to all of the sh:and shapes'
    case 'XoneConstraintComponent': return 'Value does not conform to exactly one of the sh:xone shapes'
    default: return `${comp} failed`
  }
}

// One SHACL result as data: what the CLI prints and what tests assert on.
function describeResult (r, compact) {
  const sev = sevName(r.severity)
  if (!sev) return null
  const msgs = r.message.map(m => m.value.replace(/<([^<>\s]+)>/g, (_, iri) => compact(iri)))
  if (msgs.length === 0) msgs.push(defaultMessage(r, compact))
  const shapeTerm = r.shape && r.shape.ptr && r.shape.ptr.term
  const focusTerm = r.focusNode && r.focusNode.term
  let focus = fmtTerm(focusTerm, compact)
  if (focusTerm && focusTerm.termType === 'BlankNode') {
    const types = r.focusNode.out([NS.rdf.type]).terms.map(t => fmtTerm(t, compact))
    const parents = r.focusNode.in().terms
    const parent = parents.length ? `, object of ${fmtTerm(parents[0], compact)}` : ''
    focus += ` (blank node${types.length ? `, a ${types.join(', ')}` : ''}${parent})`
  }
  const hasValue = r.value && r.value.term && !(focusTerm && r.value.term.equals(focusTerm))
  return {
    severity: sev,
    message: msgs.join(' / '),
    focus,
    focusIri: focusTerm && focusTerm.termType === 'NamedNode' ? focusTerm.value : undefined,
    focusIsBlank: Boolean(focusTerm && focusTerm.termType === 'BlankNode'),
    path: fmtPath(r.path, compact),
    value: hasValue ? fmtTerm(r.value.term, compact) : undefined,
    component: compact(r.constraintComponent.value),
    shape: shapeTerm && shapeTerm.termType === 'NamedNode' ? compact(shapeTerm.value) : '(anonymous)',
    results: (r.results || []).map(n => describeResult(n, compact)).filter(Boolean)
  }
}

function printResult (d, indent, out) {
  const pad = ' '.repeat(indent)
  out.push(`${pad}[${d.severity}] ${d.message}`)
  out.push(`${pad}  focus: ${d.focus}`)
  out.push(`${pad}  path: ${d.path}`)
  if (d.value !== undefined) out.push(`${pad}  value: ${d.value}`)
  out.push(`${pad}  component: ${d.component}${d.shape !== undefined ? `; shape: ${d.shape}` : ''}`)
  for (const nested of d.results) printResult(nested, indent + 4, out)
}

// The shapes graph and its validator, built once per ontology folder (and extra graphs).
const shapesCache = new Map()

function loadShapes (ontologyDir, supplements) {
  const key = JSON.stringify([ontologyDir, supplements])
  if (!shapesCache.has(key)) shapesCache.set(key, buildShapes(ontologyDir, supplements))
  return shapesCache.get(key)
}

async function buildShapes (ontologyDir, supplements) {
  const M = await loadModules()
  NS = M.ns
  // Shapes graph: the ontology + shapes, TBox-review shapes deactivated (in memory only).
  const ontFile = path.join(ontologyDir, 'case-1.4.0.ttl')
  const subFile = path.join(ontologyDir, 'case-1.4.0-subclasses.ttl')
  const shapesQuads = []
  const prefixes = parseTurtleFile(M, ontFile, q => shapesQuads.push(q))
  const subclassQuads = []
  parseTurtleFile(M, subFile, q => subclassQuads.push(q))
  for (const extra of supplements) {
    const extraPrefixes = parseTurtleFile(M, extra, q => {
      shapesQuads.push(q)
      if (q.predicate.value === RDFS + 'subClassOf') subclassQuads.push(q)
    })
    for (const [k, v] of Object.entries(extraPrefixes)) if (!(k in prefixes)) prefixes[k] = v
  }
  for (const name of TBOX_SHAPES) {
    shapesQuads.push(M.dm.quad(M.dm.namedNode(UCO_OWL + name), M.dm.namedNode(SH + 'deactivated'), M.dm.literal('true', M.dm.namedNode(XSD + 'boolean'))))
  }
  Object.assign(prefixes, { rdf: RDF, rdfs: RDFS, owl: OWL, sh: SH, xsd: XSD })
  const known = knownCdoConcepts(shapesQuads)
  const shapesKeys = new Set()
  for (const q of shapesQuads) if (q.predicate.value === RDFS + 'subClassOf') shapesKeys.add(q.subject.value + ' ' + q.object.value)

  const sparql = sparqlValidations(M)
  const validatorOptions = { factory: bindFactory(M), targetResolvers: sparql.targetResolvers, validations: sparql.validations }
  const baseValidator = new M.Validator(M.rdfDataset.dataset(shapesQuads), validatorOptions)
  const getValidator = extraSubclassQuads => {
    if (extraSubclassQuads.length === 0) return baseValidator
    return new M.Validator(M.rdfDataset.dataset([...shapesQuads, ...extraSubclassQuads]), validatorOptions)
  }
  return { M, prefixes, known, shapesKeys, subclassQuads, sparql, getValidator }
}

/**
 * Validate JSON-LD documents against the CASE 1.4.0 shapes.
 * inputs: [{ name, doc }] (doc: the parsed JSON-LD; name: a file name, whose file URL is the base IRI).
 * Returns { conforms, violations, warnings, infos, results, text, sparql }: results are data (see
 * describeResult; JSON-LD and undefined-concept findings have component "jsonld" / "undefined-concept"),
 * text is what the command line prints.
 */
export async function validateCase (inputs, { ontologyDir = DEFAULT_ONTOLOGY, supplements = [], each = false, info = true } = {}) {
  const S = await loadShapes(ontologyDir, supplements)
  const { M } = S
  const groups = []
  const jsonldWarnings = []
  const dataPrefixes = {}
  const loaded = []
  for (let i = 0; i < inputs.length; i++) {
    loaded.push({ file: inputs[i].name, quads: await loadJsonLd(M, inputs[i].name, inputs[i].doc, i, jsonldWarnings, dataPrefixes) })
  }
  const names = inputs.map(x => x.name)
  if (each) for (const l of loaded) groups.push({ label: l.file, files: [l.file], quads: l.quads })
  else groups.push({ label: names.join(', '), files: names, quads: loaded.flatMap(l => l.quads) })

  const lines = []
  const results = []
  let totalV = 0; let totalW = 0; let totalI = 0
  for (const g of groups) {
    const out = []
    let nV = 0; let nW = 0; let nI = 0
    const compact = makeCompactor({ ...dataPrefixes, ...S.prefixes })

    // JSON-LD lossy conversions (keys without an IRI mapping, relative references...) as warnings.
    for (const w of jsonldWarnings.filter(w => g.files.includes(w.file))) {
      nW++
      const d = w.details || {}
      const what = d.property || d.term || d.id || d.value || (d.quad ? JSON.stringify(d.quad) : '') || ''
      const res = {
        severity: 'Warning',
        message: `JSON-LD: ${w.code}${what ? ` (${typeof what === 'string' ? what : JSON.stringify(what)})` : ''}; dropped from the RDF data graph`,
        focus: `- (in ${w.file})`,
        path: '-',
        component: 'jsonld',
        results: []
      }
      results.push(res)
      printResult({ ...res, component: 'jsonld.js toRDF event (not SHACL)', shape: undefined }, 0, out)
    }

    // Unknown CDO (UCO/CASE) concepts, as case_validate reports them.
    for (const [iri, subject] of unknownCdoConcepts(g.quads, S.known)) {
      nV++
      const res = {
        severity: 'Violation',
        message: `Concept not defined in CASE/UCO 1.4.0: ${iri}`,
        focus: fmtTerm(subject, compact),
        focusIri: subject.termType === 'NamedNode' ? subject.value : undefined,
        path: '-',
        value: iri,
        component: 'undefined-concept',
        results: []
      }
      results.push(res)
      printResult({ ...res, value: undefined, component: 'undefined-CDO-concept check (as case_validate; not SHACL)', shape: undefined }, 0, out)
    }

    // SHACL validation.
    const dataSubclass = g.quads.filter(q => q.predicate.value === RDFS + 'subClassOf' && !S.shapesKeys.has(q.subject.value + ' ' + q.object.value))
    const validator = S.getValidator(dataSubclass)
    const dataset = new StoreDataset(M, [...g.quads, ...S.subclassQuads])
    let report
    try {
      report = await validator.validate({ dataset })
    } catch (err) {
      throw new UsageError(`validation failed with an internal error: ${err.stack || err.message}`)
    }
    for (const r of report.results) {
      const d = describeResult(r, compact)
      if (!d) continue
      if (d.severity === 'Violation') nV++
      else if (d.severity === 'Warning') nW++
      else nI++
      results.push(d)
      if (d.severity === 'Info' && !info) continue
      printResult(d, 0, out)
    }

    if (each) lines.push(`== ${g.label}: ${g.quads.length} triples`)
    else lines.push(`== data graph: ${g.quads.length} triples from ${g.files.length} file(s) (+ ${S.subclassQuads.length} subclass-closure triples)`)
    if (out.length) lines.push(...out)
    if (each) lines.push(`-- ${g.label}: conforms: ${nV === 0} (${nV} violations, ${nW} warnings, ${nI} infos)`)
    totalV += nV; totalW += nW; totalI += nI
  }
  if (totalI) lines.push(`info: ${totalI} sh:Info results (not counted)`)
  lines.push(`conforms: ${totalV === 0} (${totalV} violations, ${totalW} warnings)`)
  return { conforms: totalV === 0, violations: totalV, warnings: totalW, infos: totalI, results, text: lines.join('\n') + '\n', sparql: S.sparql.stats }
}

async function main () {
  const opts = parseArgs(process.argv.slice(2))
  const t0 = process.hrtime.bigint()
  await loadShapes(opts.ontologyDir, opts.supplements)
  const tShapes = process.hrtime.bigint()
  const inputs = opts.files.map(file => ({ name: file, doc: readJsonFile(file) }))
  const res = await validateCase(inputs, opts)
  const tEnd = process.hrtime.bigint()
  process.stdout.write(res.text)
  const s = (a, b) => (Number(b - a) / 1e9).toFixed(2)
  if (process.env.CASE_VALIDATE_TIMINGS) {
    console.error(`timings: shapes load ${s(t0, tShapes)}s, data load and validation ${s(tShapes, tEnd)}s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`)
    console.error(`sparql queries: ${res.sparql.batched} batched, ${res.sparql.prebound} per focus node`)
  }
  process.exitCode = res.conforms ? 0 : 1
}

// shacl-engine needs a factory with the RDF/JS DataFactory methods and dataset().
function bindFactory (M) {
  const dm = M.dm
  return {
    namedNode: dm.namedNode.bind(dm),
    blankNode: dm.blankNode.bind(dm),
    literal: dm.literal.bind(dm),
    variable: dm.variable.bind(dm),
    defaultGraph: dm.defaultGraph.bind(dm),
    quad: dm.quad.bind(dm),
    fromTerm: dm.fromTerm ? dm.fromTerm.bind(dm) : undefined,
    fromQuad: dm.fromQuad ? dm.fromQuad.bind(dm) : undefined,
    dataset: quads => M.rdfDataset.dataset(quads)
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch(err => {
    if (err instanceof UsageError) {
      console.error(`case-validate: ${err.message}`)
    } else {
      console.error(`case-validate: unexpected error: ${err && err.stack ? err.stack : err}`)
    }
    process.exit(2)
  })
}
