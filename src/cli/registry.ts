/**
 * The CLI's command registry. Each command lives in its own file under `commands/`, calls
 * `registerCommand` at load, and is added to the program by one `import './commands/<name>.js';`
 * line in main.ts. Commands are added to the program in registration (import) order.
 */
import type { Command } from 'commander';
import type { CliIO } from './io.js';

export interface CliCommand {
  /** The command's name as typed (`explain`, `solve`, …). */
  name: string;
  /** Adds the command (with its options, help and action) to the program. */
  attach(program: Command, io: CliIO): void;
}

const commands: CliCommand[] = [];

export function registerCommand(command: CliCommand): void {
  if (commands.some((c) => c.name === command.name)) throw new Error(`CLI command ${command.name} registered twice`);
  commands.push(command);
}

export function registeredCommands(): readonly CliCommand[] {
  return commands;
}
