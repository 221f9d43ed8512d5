/** One problem in a reference file, located to its line (DESIGN.md §5: name file, line, problem). */
export interface ReferenceProblem {
  file: string;
  /** 1-based line in the file; 1 is the header. */
  line: number;
  message: string;
}

/**
 * The reference files cannot be loaded as they are. Thrown before anything is written, so the
 * registry in the database stays as it was. The message lists every problem found (up to a limit).
 */
export class ReferenceDataError extends Error {
  constructor(
    readonly problems: ReferenceProblem[],
    readonly more = 0,
  ) {
    const lines = problems.map((p) => `  ${p.file} line ${p.line}: ${p.message}`);
    if (more > 0) lines.push(`  … and ${more} more`);
    super(
      `The unit reference files were not loaded (the registry is unchanged): ${problems.length + more} problem(s)\n${lines.join('\n')}`,
    );
    this.name = 'ReferenceDataError';
  }
}

/** Collects problems while reading; `throwIfAny` stops the load with all of them. */
export class ProblemList {
  private readonly problems: ReferenceProblem[] = [];
  private dropped = 0;

  constructor(private readonly limit = 50) {}

  add(file: string, line: number, message: string): void {
    if (this.problems.length < this.limit) this.problems.push({ file, line, message });
    else this.dropped += 1;
  }

  get count(): number {
    return this.problems.length + this.dropped;
  }

  throwIfAny(): void {
    if (this.count > 0) throw new ReferenceDataError(this.problems, this.dropped);
  }
}
