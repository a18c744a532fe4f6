/**
 * The CLI's command registry. Each command lives in its own file under `commands/`, calls
 * `registerCommand` at load, and is listed by one line in main.ts's COMMANDS (which loads only the
 * command being run, and orders the help).
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
