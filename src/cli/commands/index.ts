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
 */
export const commandGroups: ((program: Command) => void)[] = [
  registerServe,
  registerMigrate,
  registerUnits,
  registerSchema,
  registerKeys,
  registerSync,
];
