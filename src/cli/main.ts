import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { toolVersion } from '../assets.js';
import { DIAGNOSTIC_FORMATS, type DiagnosticFormat, formatJson } from '../diagnostics/format.js';
import { formatSarif } from '../diagnostics/sarif.js';
import {
  EXIT,
  InterruptedError,
  LayoutError,
  ToolError,
  UsageError,
  exitStatusFor,
  stoppedBy,
  loadModule,
} from '../errors.js';
import { decimalParts } from '../facts/decimal-parts.js';
import { interruption } from '../interrupt.js';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, THREAD_MIN_BYTES } from '../verify/limits.js';
import { IMPORT_FORMATS } from '../import/formats.js';
import type { ExportOptions } from './commands/export.js';
import type { ImportCommandOptions } from './commands/import.js';
import type { RenderCommandOptions } from './commands/render.js';
import type { CliIO, OutputStream } from './io.js';
import { escapeForTerminal, sayLine } from '../diagnostics/format.js';

/**
 * The commander program: parses arguments, calls one command function, maps errors
 * to exit statuses. Nothing else happens here: commands live in ./commands/.
 */

function formatOption(description = 'diagnostic format'): Option {
  return new Option('--format <format>', description).choices(DIAGNOSTIC_FORMATS).default('text');
}

function parseHours(value: string): number {
  const written = /^(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)$/.test(value)
    ? decimalParts(value)
    : undefined;
  if (written === undefined) {
    // `1e3`, `-2`, `48h`: say what is read, not only what is expected.
    throw new InvalidArgumentError(
      'expected a number of hours written with digits and at most one decimal point (e.g. 48 or 0.5), without an exponent, sign or unit',
    );
  }
  if (written.digits === 0n)
    throw new InvalidArgumentError('expected a number of hours greater than 0, e.g. 48');
  // The window is honoured to the nanosecond as written: a value a number cannot hold
  // exactly (too many significant digits, too large or too small) is refused, not rounded.
  const hours = Number(value);
  const held = Number.isFinite(hours) && hours > 0 ? decimalParts(String(hours)) : undefined;
  if (held?.digits !== written.digits || held.exponent !== written.exponent) {
    throw new InvalidArgumentError(
      'cannot be honoured exactly: too many significant digits (15 are, e.g. 26.5), or too large or too small a number',
    );
  }
  return hours;
}

function parseDateOption(value: string): string {
  if (
    !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`))
  ) {
    throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  }
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new InvalidArgumentError('not a real calendar date');
  }
  return value;
}

/** `--concurrency`: a whole number from 1 to MAX_CONCURRENCY, said the same way whatever is wrong. */
function parseConcurrency(value: string): number {
  if (!/^[1-9][0-9]{0,3}$/.test(value) || Number(value) > MAX_CONCURRENCY)
    throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_CONCURRENCY}`);
  return Number(value);
}

const langOption = () =>
  new Option('--lang <lang>', "language of the document (default: the case's language)").choices([
    'fr',
    'en',
  ]);
const windowOption = () =>
  new Option(
    '--window <hours>',
    'correlation window either side of a payment, in hours (default 48)',
  ).argParser(parseHours);
const renderOptions = (cmd: Command): Command =>
  cmd
    .option('--template <name|path>', 'built-in template name or path to a template file')
    .addOption(langOption())
    .addOption(
      new Option(
        '--date <YYYY-MM-DD>',
        'generation date printed in documents (default: SOURCE_DATE_EPOCH, else today)',
      ).argParser(parseDateOption),
    )
    .option(
      '--reveal-victims',
      "show victims' names, birth dates, aliases and account identifiers (default: pseudonyms only, identities masked in free text; diagnostics stay masked)",
    )
    .addOption(windowOption())
    .option('--strict', 'warnings count as errors');

/**
 * The names of the commands and their subcommands (`render`, `templates`, `check`...), as
 * the program defines them: what help may be asked about (src/cli/start.ts).
 */
export function commandNames(): Set<string> {
  const quiet = { write: () => true, isTTY: false };
  const program = buildProgram(
    { stdout: quiet, stderr: quiet, cwd: '/', env: {} },
    () => undefined,
  );
  const names = new Set<string>();
  const walk = (command: Command): void => {
    for (const sub of command.commands) {
      names.add(sub.name());
      walk(sub);
    }
  };
  walk(program);
  return names;
}

/** Build the program. `run` receives the chosen command's exit status. */
function buildProgram(io: CliIO, done: (status: Promise<number>) => void): Command {
  const program = new Command('courtfile')
    .description(
      'Validate, analyse, render and verify criminal court files (dossiers) of money-transfer traces and exchange logs.',
    )
    .version(toolVersion(), '-V, --version', 'print the version')
    // `--version` only before a command: `validate bad.yaml --version` must not print the
    // version and exit 0 without validating (a stray option in a CI line passing a dossier).
    .enablePositionalOptions()
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      // Help asked by mistake (no command, a command group alone) goes to stderr as is.
      writeErr: (s) => void io.stderr.write(s),
      // Its errors quote what was typed (an option, an argument from a glob over hostile
      // names): written as one line, control characters escaped (commanderLines).
      outputError: (s, write) => write(commanderLines(s)),
    })
    .exitOverride();

  program
    .command('validate')
    .description('validate one or more dossiers (root files), each with its includes')
    .argument('<file...>', 'dossier root files')
    .addOption(formatOption())
    .option('--strict', 'warnings count as errors')
    .action((files: string[], o: { format: DiagnosticFormat; strict?: boolean }) =>
      done(loadModule(import('./commands/validate.js')).then((m) => m.runValidate(files, o, io))),
    );

  renderOptions(
    program
      .command('render')
      .description('render the referral summary PDF of a valid dossier')
      .argument('<file>', 'dossier root file')
      .requiredOption(
        '-o, --output <out.pdf>',
        'PDF file to write (atomically; never a file the command reads, nor in an exhibit folder); - for stdout (required)',
      ),
  ).action((file: string, o: RenderCliOptions) =>
    done(
      loadModule(import('./commands/render.js')).then((m) =>
        m.runRender(file, { ...o, output: o.output ?? '' }, io),
      ),
    ),
  );

  program
    .command('verify')
    .description(
      'check every exhibit file: inside the dossier root, present, size and SHA-256 as declared',
    )
    .argument('<file>', 'dossier root file')
    .addOption(formatOption())
    .option('--strict', 'warnings count as errors')
    .option('--unlisted', 'also warn about files in exhibit folders that no exhibit lists')
    .addOption(
      new Option(
        '--concurrency <n>',
        `exhibit files checked and hashed at once, 1-${MAX_CONCURRENCY} (default ${DEFAULT_CONCURRENCY});` +
          ` those of ${THREAD_MIN_BYTES / 2 ** 20} MiB or more are read and hashed on` +
          ' min(n, available CPUs) worker threads',
      ).argParser(parseConcurrency),
    )
    .action(
      (
        file: string,
        o: { format: DiagnosticFormat; strict?: boolean; unlisted?: boolean; concurrency?: number },
      ) => done(loadModule(import('./commands/verify.js')).then((m) => m.runVerify(file, o, io))),
    );

  renderOptions(
    program
      .command('packet')
      .description(
        'validate, verify and render the referral packet into DIR (the PDFs, data/*.csv and manifest.json); or --check a packet',
      )
      .argument('[file]', 'dossier root file')
      .option(
        '-o, --output <dir>',
        'packet folder to create (must not exist, or be empty; never in an exhibit folder)',
      )
      .option(
        '--check <dir>',
        'check a packet against its manifest instead of making one (takes only --allowed-signers, --format and --strict)',
      )
      .option(
        '--sign-key <key>',
        'sign manifest.json with this OpenSSH Ed25519 private key (unencrypted): writes manifest.json.sig',
      )
      .option(
        '--allowed-signers <file>',
        'with --check: require a good manifest.json.sig by a key of this OpenSSH allowed-signers file',
      )
      .option(
        '--index-template <name|path>',
        'template of evidence-index.pdf (default evidence-index)',
      )
      .addOption(
        formatOption(
          "diagnostic format: text on stderr, or one json, github or sarif document on stdout (with --check: the check's report on stdout)",
        ),
      ),
  ).action(
    (
      file: string | undefined,
      o: RenderCliOptions & {
        check?: string;
        indexTemplate?: string;
        format: DiagnosticFormat;
        signKey?: string;
        allowedSigners?: string;
      },
    ) => {
      if (o.check === undefined && (file === undefined || o.output === undefined)) {
        throw new UsageError('packet needs FILE and -o DIR, or --check DIR');
      }
      if (o.check !== undefined && (file !== undefined || o.output !== undefined)) {
        throw new UsageError('--check DIR takes no FILE and no -o');
      }
      if (o.check !== undefined && o.signKey !== undefined) {
        throw new UsageError(
          '--sign-key signs a packet being made; --check takes --allowed-signers',
        );
      }
      if (o.check !== undefined) {
        // Options of a packet being made mean nothing to --check: refused as --sign-key is,
        // rather than silently ignored (`--template nosuch` must not pass).
        const making = (
          [
            ['--template', o.template],
            ['--index-template', o.indexTemplate],
            ['--lang', o.lang],
            ['--date', o.date],
            ['--window', o.window],
            ['--reveal-victims', o.revealVictims],
          ] as const
        )
          .filter(([, value]) => value !== undefined)
          .map(([name]) => name);
        if (making.length > 0)
          throw new UsageError(
            `${making.join(', ')} ${making.length === 1 ? 'goes' : 'go'} with a packet being made; --check DIR takes only --allowed-signers, --format and --strict`,
          );
      }
      if (o.check === undefined && o.allowedSigners !== undefined) {
        throw new UsageError('--allowed-signers goes with --check DIR');
      }
      done(loadModule(import('./commands/packet.js')).then((m) => m.runPacket(file, o, io)));
    },
  );

  program
    .command('summary')
    .description('key figures, totals and payment/session correlations of a valid dossier')
    .argument('<file>', 'dossier root file')
    .option('--json', 'print one JSON document for machines')
    .addOption(langOption())
    .addOption(windowOption())
    .option(
      '--reveal-victims',
      "show victims' names and leave identities unmasked in free text, also in --json (default: pseudonyms only, identities masked; diagnostics stay masked)",
    )
    .option('--strict', 'warnings count as errors (exit 1, no summary)')
    .action(
      (
        file: string,
        o: {
          json?: boolean;
          lang?: 'fr' | 'en';
          window?: number;
          revealVictims?: boolean;
          strict?: boolean;
        },
      ) => done(loadModule(import('./commands/summary.js')).then((m) => m.runSummary(file, o, io))),
    );

  program
    .command('export')
    .description('write a valid dossier in another format: --to case, a CASE/UCO 1.4 JSON-LD graph')
    .argument('<file>', 'dossier root file')
    .addOption(
      new Option(
        '--to <format>',
        'output format (case: CASE/UCO 1.4 JSON-LD, see docs/export.md) (required)',
      )
        .choices(['case'])
        .makeOptionMandatory(),
    )
    .requiredOption(
      '-o, --output <out.jsonld>',
      'file to write (atomically); - for stdout (required)',
    )
    .option(
      '--reveal-victims',
      "write victims' names, birth dates, aliases and account identifiers (default: pseudonyms only)",
    )
    .option('--strict', 'warnings count as errors')
    .action((file: string, o: ExportOptions) =>
      done(loadModule(import('./commands/export.js')).then((m) => m.runExport(file, o, io))),
    );

  program
    .command('schema')
    .description('print the dossier JSON Schema (draft 2020-12)')
    .option('-o, --output <file>', 'write it to a file instead of stdout (- for stdout)')
    .option('--included', 'the schema of an included file instead of a root file')
    .action((o: { output?: string; included?: boolean }) =>
      done(loadModule(import('./commands/schema.js')).then((m) => m.runSchema(o, io))),
    );

  program
    .command('init')
    .description('create a new, valid, commented example dossier in DIR (new or empty folder)')
    .argument('<dir>', 'folder to create')
    .action((dir: string) =>
      done(loadModule(import('./commands/init.js')).then((m) => m.runInit(dir, io))),
    );

  program
    .command('import')
    .description(
      "read an exhibit's export (csv, xlsx, Skype, WhatsApp, mbox) into a dossier include file; an option for another format than SOURCE's is ignored, with a note (--map: a usage error); see docs/import.md",
    )
    .argument('[source]', 'the export: a file of the evidence record --evidence')
    .option('--dossier <root.yaml>', 'the dossier root file (required)')
    .option('--evidence <id>', 'the evidence record SOURCE is a file of (required)')
    .option(
      '-o, --output <out.yaml>',
      'include file to write, inside the dossier root: a new file, or one an import wrote (required)',
    )
    .addOption(
      new Option('--from <format>', 'format of SOURCE (default: from its extension)').choices(
        IMPORT_FORMATS,
      ),
    )
    .option(
      '--map <map.yaml>',
      'csv, xlsx only (required for them): mapping file; see --print-map-schema',
    )
    .option(
      '--zone <iana>',
      'csv, xlsx, WhatsApp, mbox only: time zone of times written without an offset (wins over the mapping)',
    )
    .option('--sheet <name>', 'xlsx only: the sheet to read (default: the first one not hidden)')
    .addOption(
      new Option('--date-order <order>', 'WhatsApp only: order of ambiguous dates').choices([
        'dmy',
        'mdy',
        'ymd',
      ]),
    )
    .option('--participants <file>', 'WhatsApp only: YAML "shown name: identifier"')
    .option('--skip-invalid', 'leave out the records in error (as warnings) and write the rest')
    .addOption(formatOption())
    .option('--strict', 'warnings count as errors (nothing is written)')
    .option('--print-map-schema', 'print the JSON Schema of mapping files and exit')
    .action((source: string | undefined, o: ImportCommandOptions) =>
      done(
        loadModule(import('./commands/import.js')).then((m) => m.runImportCommand(source, o, io)),
      ),
    );

  const templates = program
    .command('templates')
    .description('list and check document templates (see docs/templates.md)');
  templates
    .command('list')
    .description('the built-in templates and, with --dir, those of a folder')
    .option('--dir <dir>', 'also list every template file (*.yaml, *.yml) of this folder')
    .option('--json', 'print one JSON document for machines')
    .addOption(
      new Option('--lang <lang>', 'language of the descriptions (default en)').choices([
        'fr',
        'en',
      ]),
    )
    .action((o: { dir?: string; json?: boolean; lang?: 'fr' | 'en' }) =>
      done(loadModule(import('./commands/templates.js')).then((m) => m.runTemplatesList(o, io))),
    );
  templates
    .command('check')
    .description(
      'check templates: schema, sections, placeholders, labels, extends, then a trial render (default: every built-in one)',
    )
    .argument('[file...]', 'template files, folders of templates, or built-in names')
    .addOption(formatOption())
    .option('--strict', 'warnings count as errors')
    .option('--no-render', 'skip the trial render against the example dossier')
    .action(
      (files: string[], o: { format: DiagnosticFormat; strict?: boolean; render?: boolean }) =>
        done(
          loadModule(import('./commands/templates.js')).then((m) =>
            m.runTemplatesCheck(files, o, io),
          ),
        ),
    );

  return program;
}

/** What commander hands to render and packet (`-o` is optional for `packet --check`). */
type RenderCliOptions = Omit<RenderCommandOptions, 'output'> & { readonly output?: string };

/** Run courtfile with `argv` (without node and script). Resolves to the exit status; never throws. */
export async function main(argv: readonly string[], io0: CliIO): Promise<number> {
  // `--format sarif` promises one SARIF log on stdout (cli.md): a command that fails
  // (exit 2: an unreadable file, a bad option) before it prints its log prints one that
  // says why, in an invocation that did not succeed, rather than nothing; `--format
  // json` likewise one document, with the reasons in `failures`. Only for the commands
  // that take --format. (Interrupted while no output is being written, the process ends
  // at once, with nothing on stdout; while one is, the command ends with 130 or 143 and
  // this prints the document, whose reason is then 'interrupted' or 'terminated'.)
  const format = formatAsked(argv);
  if ((format !== 'sarif' && format !== 'json') || !takesFormat(argv)) return run(argv, io0);
  let printed = false;
  const said: string[] = [];
  // The streams as they are (a terminal's width for the progress line...), but for
  // what is written to them.
  const stdout: OutputStream = Object.create(io0.stdout as object) as OutputStream;
  const stderr: OutputStream = Object.create(io0.stderr as object) as OutputStream;
  Object.defineProperty(stdout, 'write', {
    value: (chunk: string | Uint8Array) => {
      printed = true;
      return io0.stdout.write(chunk);
    },
  });
  Object.defineProperty(stderr, 'write', {
    value: (chunk: string | Uint8Array) => {
      // Only what may say why (not the progress line's redrawings, an hour of them on a
      // long import): the lines failureLines reads.
      if (typeof chunk === 'string' && (chunk.includes('courtfile: ') || chunk.includes('error: ')))
        said.push(chunk);
      return io0.stderr.write(chunk);
    },
  });
  const code = await run(argv, { ...io0, stdout, stderr });
  if (!printed && code !== EXIT.ok && code !== EXIT.invalid) {
    const failures = failureLines(said, code);
    // verify's JSON keeps its shape: `"verify": null` when no file was checked.
    const command = argv.find((a) => !a.startsWith('-'));
    const extra = command === 'verify' ? { verify: null } : undefined;
    io0.stdout.write(
      format === 'sarif'
        ? formatSarif([], { failures })
        : formatJson([], { color: false, failures, ...(extra ? { extra } : {}) }),
    );
  }
  return code;
}

/** The commands that take --format (`packet` with --check, or for its diagnostics). */
function takesFormat(argv: readonly string[]): boolean {
  const [command, sub] = argv.filter((a) => !a.startsWith('-'));
  return (
    command === 'validate' ||
    command === 'verify' ||
    command === 'import' ||
    command === 'packet' ||
    (command === 'templates' && sub === 'check')
  );
}

/** The value of the last `--format` option of `argv` (commander keeps the last). */
function formatAsked(argv: readonly string[]): string | undefined {
  let format: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--format') format = argv[++i];
    else if (a.startsWith('--format=')) format = a.slice('--format='.length);
  }
  return format;
}

/** Terminal escape sequences (the progress line's erasing). */
// eslint-disable-next-line no-control-regex -- matching them is the point
const ESCAPES = /\x1b\[[0-9;?]*[A-Za-z]/g;

/**
 * Why the command failed, as it told stderr: its `courtfile: ...` lines (and commander's
 * `error: ...`), without the prefix; warnings, progress lines and usage text left out.
 */
export function failureLines(said: readonly string[], code: number): string[] {
  const lines = said
    .join('')
    .replace(ESCAPES, '')
    .split(/\r?\n|\r/)
    .map((l) => /^(?:courtfile|error): (?!warning: |note: )(.+)$/.exec(l.trim())?.[1])
    .filter((l): l is string => l !== undefined && l !== '');
  return lines.length > 0 ? lines : [`courtfile ended with exit status ${code}`];
}

async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let status: Promise<number> | undefined;
  try {
    const program = buildProgram(io, (s) => {
      status = s;
    });
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.failure;
    }
    refuseEmptyArgument(argv);
    refuseRepeatedOption(program, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return status ? await status : EXIT.ok;
  } catch (err) {
    return reportError(err, io);
  }
}

/**
 * An empty argument (`-o "$OUT"` with OUT unset) is a usage error: taken as a path it
 * named the working folder ("  is not empty", "refusing to write : it is a folder").
 * No option or argument of courtfile takes an empty value.
 */
function refuseEmptyArgument(argv: readonly string[]): void {
  const i = argv.findIndex((a) => a === '' || (a.startsWith('--') && a.endsWith('=')));
  if (i < 0) return;
  const arg = argv[i]!;
  const before = i > 0 ? argv[i - 1]! : '';
  throw new UsageError(
    arg !== ''
      ? `${arg.slice(0, -1)} is given an empty value (an unset shell variable?)`
      : `argument ${i + 1} is empty${before.startsWith('-') && before.length > 1 ? ` (after ${before})` : ''} (an unset shell variable?): give a file, a folder or a value`,
  );
}

/**
 * An option that takes a value, given twice, is a usage error: commander keeps the last
 * one without a word, and `packet --check TAMPERED --check GOOD` checked only GOOD (exit 0);
 * `-o a -o b` wrote only b, `--allowed-signers` twice trusted only the second file. A flag
 * given twice says nothing more and passes; so do a command's lists of files.
 */
function refuseRepeatedOption(program: Command, argv: readonly string[]): void {
  let command = program;
  let i = 0;
  // The command (and subcommand) named: the first words that are not options.
  while (i < argv.length) {
    const word = argv[i]!;
    i++;
    if (word.startsWith('-')) continue; // -h, -V: no value
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (sub === undefined) return; // commander reports it
    command = sub;
    if (command.commands.length === 0) break;
  }
  // Help asked shows help, whatever else the line holds.
  const end = argv.indexOf('--');
  if (argv.slice(i, end < 0 ? undefined : end).some((w) => w === '-h' || w === '--help')) return;
  const seen = new Set<Option>();
  for (; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') return; // what follows is arguments
    if (!word.startsWith('-') || word === '-') continue;
    const long = word.startsWith('--');
    const eq = word.indexOf('=');
    const name = long ? (eq < 0 ? word : word.slice(0, eq)) : word.slice(0, 2);
    const option = command.options.find((o) => (long ? o.long === name : o.short === name));
    if (option === undefined) continue; // commander reports it
    if (!option.required && !option.optional) continue; // a flag
    // Its value, when not written in the same word, is the next one.
    const inline = long ? eq >= 0 : word.length > 2;
    if (!inline && (option.required || !(argv[i + 1] ?? '-').startsWith('-'))) i++;
    if (option.variadic) continue;
    if (seen.has(option))
      throw new UsageError(
        `option ${option.long ?? option.short} is given more than once: it takes one value; give it once`,
      );
    seen.add(option);
  }
}

/**
 * Commander's error text made safe for a terminal: every control character escaped
 * (escapeForTerminal), line breaks too, but the final one and those before its own
 * "(Did you mean ...?)" suggestions.
 */
export function commanderLines(text: string): string {
  const end = text.endsWith('\n') ? '\n' : '';
  return (
    escapeForTerminal(end ? text.slice(0, -1) : text).replaceAll(
      '\\n(Did you mean',
      '\n(Did you mean',
    ) + end
  );
}

function reportError(err: unknown, io: CliIO): number {
  if (err instanceof CommanderError) {
    // Help and version exit 0; commander already printed usage errors.
    return err.exitCode === 0 ? EXIT.ok : EXIT.failure;
  }
  if (err instanceof UsageError || err instanceof ToolError) {
    io.stderr.write(sayLine(`courtfile: ${err.message}`));
    return EXIT.failure;
  }
  if (err instanceof LayoutError) {
    io.stderr.write(sayLine(`courtfile: error: ${err.message}`));
    return EXIT.invalid;
  }
  if (err instanceof InterruptedError) {
    // The signal that stopped the run, whichever step noticed it first.
    const { signal } = io.signal?.aborted ? interruption(io.signal) : err;
    io.stderr.write(`courtfile: ${stoppedBy(signal)}\n`);
    return exitStatusFor(signal);
  }
  // A fault of courtfile itself: say so plainly, without a stack trace unless asked.
  const detail = err instanceof Error ? err.message : String(err);
  io.stderr.write(sayLine(`courtfile: internal error: ${detail}`));
  if (io.env.COURTFILE_DEBUG && err instanceof Error && err.stack)
    io.stderr.write(`${err.stack}\n`);
  return EXIT.failure;
}
