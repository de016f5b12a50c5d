/** A Step Functions runtime error, with AWS's error name (e.g. 'States.Runtime') and cause text. */
export class StatesError extends Error {
  constructor(
    public readonly error: string,
    public override readonly cause: string,
    /** For a JSONata evaluation failure: the field it happened in (`Items`, `Output/result`), as AWS records it. */
    public readonly location?: string,
  ) {
    super(`${error}: ${cause}`);
    this.name = error;
  }
}
