import type { Command } from 'commander';
import { loadUnitReference } from '../../units/load-units.js';
import { DEFAULT_REFERENCE_DIR } from '../../units/reference-files.js';
import { say, withDatabase } from '../runtime.js';

/** `lienthong units load [--force] [--dir <folder>]`: loads the unit register (src/units/README.md). */
export function registerUnits(program: Command): void {
  const units = program.command('units').description('the register of administrative units');
  units
    .command('load')
    .description('load the unit reference files into the register (skipped when they did not change)')
    .option('--force', 'reload even when the files are unchanged', false)
    .option(
      '--dir <folder>',
      'folder with provinces.csv, communes.csv, crosswalk.csv, changes.csv',
      DEFAULT_REFERENCE_DIR,
    )
    .action(async (options: { force: boolean; dir: string }) => {
      await withDatabase(async (database, where) => {
        const result = await loadUnitReference(database, { dir: options.dir, force: options.force });
        say(
          result.status === 'loaded'
            ? `Loaded ${result.versions} unit versions and ${result.successions} successions into ${where}.`
            : `The unit register in ${where} is up to date (${result.versions} versions); nothing written. Use --force to reload.`,
        );
      });
    });
}
