/** An HTTP answer before it is written: a JSON body, or raw text (for cut-off bodies), or nothing. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON; undefined → empty body. */
  body?: unknown;
  /** Sent verbatim as application/json instead of `body` (used to send a truncated body). */
  rawJson?: string;
}
