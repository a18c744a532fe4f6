/**
 * Required flags are checked after unknown ones. Commander checks a `requiredOption` before it
 * looks for unknown flags, so a misspelt required flag (`convkit explain --input 5 --kernal 3`)
 * was reported as "required option '--kernel <sizes>' not specified", hiding the typo and its near
 * miss. Commands still declare them with `requiredOption` (one place per command); this takes the
 * check over from commander and runs it in a preAction hook, which commander calls only after its
 * own unknown-option check ("unknown option '--kernal' (Did you mean --kernel?)").
 */
import type { Command, Option } from 'commander';

/** The command and the commands above it (`solve padding` → padding, solve, convkit). */
function lineage(c: Command): Command[] {
  const out: Command[] = [];
  for (let at: Command | null = c; at; at = at.parent) out.push(at);
  return out;
}

/** Moves every required flag of `program` and its commands (attached so far) to a check after the unknown ones. */
export function checkRequiredAfterUnknown(program: Command): void {
  const required = new Set<Option>();
  const collect = (c: Command): void => {
    for (const o of c.options) {
      if (!o.mandatory) continue;
      o.makeOptionMandatory(false);
      required.add(o);
    }
    for (const sub of c.commands) collect(sub);
  };
  collect(program);
  program.hook('preAction', (_program, action) => {
    for (const c of lineage(action)) {
      for (const o of c.options) {
        if (required.has(o) && c.getOptionValue(o.attributeName()) === undefined) {
          // Commander's own words and code for it, so the message is the one users already saw.
          c.error(`error: required option '${o.flags}' not specified`, { code: 'commander.missingMandatoryOptionValue' });
        }
      }
    }
  });
}
