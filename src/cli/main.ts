/**
 * The `convkit` command-line program. `bin/convkit.js` calls `runCli`; tests call it too with a
 * buffer IO. Commands live one per file in `commands/` and register themselves: adding one is a
 * single `import './commands/<name>.js';` line below.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { processIO } from './io.js';
import type { CliIO } from './io.js';
import { registeredCommands } from './registry.js';
import { EXIT_BAD_INPUT, EXIT_OK, reportError } from './run.js';

// Commands (one line each; help lists them in this order).
import './commands/explain.js';
import './commands/solve.js';
import './commands/trace.js';
import './commands/matrix.js';
import './commands/animate.js';
import './commands/gallery.js';
import './commands/rf.js';
import './commands/summary.js';

function version(): string {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export function createProgram(io: CliIO = processIO): Command {
  const program = new Command('convkit')
    .description('Compute, explain and draw convolutions (standard, transposed, dilated) exactly as PyTorch does.')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      // Usage errors stay on one line: "convkit: error: unknown option '--foo' (Did you mean --pool?)".
      outputError: (s, write) => write(`convkit: ${s.trim().replace(/\s*\n\s*/g, ' ')}\n`),
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', '\nBad input ends with a one-line message on stderr and exit code 2. Every command takes --help and --json.');
  for (const c of registeredCommands()) c.attach(program, io);
  return program;
}

/** Runs the program on user arguments (no `node` / script name); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version end with 0; usage errors (commander already printed one line) with 2.
      return e.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }
    return reportError(io, e, argv.includes('--json'));
  }
}
