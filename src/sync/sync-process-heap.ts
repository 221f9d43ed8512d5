import v8 from 'node:v8';

/**
 * A process whose work is one sync run (the CLI's `sync` and `quarantine replay`, the ingest
 * benchmark's children) keeps its heap close to what is alive.
 *
 * Why: a run allocates ~20 KB per record and keeps only the current batch, the unit register and a
 * few bounded caches alive (~50 MiB). V8's default heap growth lets the old generation reach three
 * times that before a full collection, most of it garbage promoted from batches in flight, and the
 * process's peak memory follows (~410 MiB at 100,000 rows, flat as the file grows). Growing the heap
 * by 30 % past what survived a full collection keeps the peak near 280 MiB for the same speed
 * (measured: bench/ingest.ts, README "Ingest"). V8 reads `--heap-growing-percent` at every full
 * collection, so setting it at run time takes effect.
 *
 * The server does not call this: its heap serves queries and caches as well, and V8's defaults suit it.
 */
export const SYNC_HEAP_GROWING_PERCENT = 30;

export function keepSyncHeapSmall(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${SYNC_HEAP_GROWING_PERCENT}`);
}
