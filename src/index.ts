/**
 * courtfile's public API (no side effects on import). The command-line interface in
 * src/cli/ is a thin shell over these functions.
 */
export type * from './model/dossier.js';
export { plainExchange, plainTransfer } from './model/record-table.js';
export type { Diagnostic, Finding } from './diagnostics/diagnostic.js';
export type { Code, Severity } from './diagnostics/codes.js';
export { CODES } from './diagnostics/codes.js';
export { formatDiagnostics, type DiagnosticFormat } from './diagnostics/format.js';
export { EXIT, ToolError, UsageError, InterruptedError } from './errors.js';
export { checkDossier, type DossierCheck, type CheckOptions } from './validate/check-dossier.js';
export { dossierJsonSchema } from './schema/json-schema.js';
export { computeFacts, fingerprintDossier, type DossierFacts } from './facts/index.js';
export { renderDocument, renderDocumentWithInfo, type RenderOptions } from './render/index.js';
export {
  caseDocumentChunks,
  caseDocumentText,
  caseGraphNodes,
  type CaseExportOptions,
} from './export/case/export-case.js';
export { loadTemplate, checkTemplate } from './templates/load-template.js';
export { listTemplates } from './templates/list-templates.js';
export { checkTemplates } from './templates/check-templates.js';
export { Redactor, type RedactorOptions, type IdentityMention } from './redact/index.js';
export { verifyExhibits, type VerifyOptions, type VerifyResult } from './verify/verify-exhibits.js';
export { checkPacket } from './output/check-packet.js';
export { main } from './cli/main.js';
