// The one error of the client: FeedError, whose kind says what failed and, for a malformed feed or
// record, whose `at` is the JSON Pointer of the field to blame.

export class FeedError extends Error {
  constructor(kind, message, at = null) {
    super(message);
    this.name = "FeedError";
    this.kind = kind;
    this.at = at;
  }
}
