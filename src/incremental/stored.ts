/**
 * A value kept as JSON text until it is needed: a state holds a partial result per file, and a
 * run that reads one new file should neither parse nor re-serialise the hundreds it leaves alone.
 */
export class Stored<T> {
  private constructor(
    private parsed: T | undefined,
    private text: string | undefined,
  ) {}

  static of<T>(value: T): Stored<T> {
    return new Stored<T>(value, undefined);
  }

  static fromJson<T>(json: string): Stored<T> {
    return new Stored<T>(undefined, json);
  }

  /** The value, parsed on first use. Mutating it is not allowed: make a new Stored instead. */
  get value(): T {
    if (this.parsed === undefined) this.parsed = JSON.parse(this.text!) as T;
    return this.parsed;
  }

  /** One line of JSON. */
  get json(): string {
    if (this.text === undefined) this.text = JSON.stringify(this.parsed);
    return this.text;
  }
}
