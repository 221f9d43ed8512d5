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
 * Allocation-site pretenuring is turned off. V8 watches which allocation sites' objects survive young
 * collections and, from early feedback, allocates a site's objects straight in the old generation.
 * A run's per-record objects die within a batch or two, but the first batches can look long-lived;
 * in about half the runs V8 then pretenured a hot site, and everything young those old objects
 * pointed at survived until the next full collection. Measured with `--trace-gc-nvp` on a 200,000-row
 * dvcqg first sync: 60–65 MB promoted and 25–26 full collections in one kind of run, 560–1,000 MB and
 * 51–63 in the other, which took 35–45 % longer. Without pretenuring, 12 runs out of 12 were of the
 * first kind (6 with the flag on the command line, 6 with it set here, at run time); at a million rows,
 * three runs each way in turn: 42.1, 37.6, 36.9 s without, 48.8, 37.5, 47.4 s with, and a lower peak
 * (265–270 MiB against 272–287) (src/sync/README.md "Performance").
 *
 * The server does not call this: its heap serves queries and caches as well, and V8's defaults suit it.
 */
export const SYNC_HEAP_GROWING_PERCENT = 30;

export function keepSyncHeapSmall(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${SYNC_HEAP_GROWING_PERCENT}`);
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}
