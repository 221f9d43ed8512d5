import { dropTestSchemas } from './test-schemas.js';

/** Clears the PostgreSQL test schemas before the run and after it (see test-schemas.ts). */
export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) return async () => {};
  await dropTestSchemas(url);
  return async () => {
    await dropTestSchemas(url);
  };
}
