import type { Command } from 'commander';
import { registerKeys } from './keys.js';
import { registerMigrate } from './migrate.js';
import { registerSchema } from './schema.js';
import { registerServe } from './serve.js';
import { registerSync } from './sync.js';
import { registerUnits } from './units.js';

/**
 * Every command group of the `lienthong` CLI, in help order. To add one (`sync`, `runs`, `quarantine`,
 * `keys`…): write `src/cli/commands/<group>.ts` exporting `register<Group>(program: Command)` that adds
 * its commands with async actions that throw on failure, and append it here.
 *
 * Every group is imported whatever the command, so a group imports at its top only what registering
 * needs; a heavy stack only one command uses (the server for `serve`, the GraphQL schema for
 * `schema emit`) is imported inside that command's action. A `sync` process's memory is a measured
 * goal (README "Ingest"): with the server's modules loaded eagerly, `lienthong runs` on an empty
 * database peaked at 184 MiB, against 130 MiB for the sync modules alone.
 */
export const commandGroups: ((program: Command) => void)[] = [
  registerServe,
  registerMigrate,
  registerUnits,
  registerSchema,
  registerKeys,
  registerSync,
];
