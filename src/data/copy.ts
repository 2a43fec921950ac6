/**
 * COPY through node-postgres without pg-copy-streams: a Submittable that drives the COPY sub-protocol
 * on a checked-out client. `copyOut` hands each CopyData payload to a callback synchronously (the
 * payload is a view into the socket buffer: parse it before returning, never keep it); `copyIn` writes
 * Buffers produced by a generator, honouring socket back-pressure.
 *
 * COPY takes no bind parameters, so values never go into its text: a caller passes them with
 * `set_config('vecbt.x', $1, true)` in the same transaction and reads `current_setting('vecbt.x')`.
 */
import type { PoolClient } from 'pg';

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(msg: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

class CopySubmittable {
  private error: unknown = null;
  private rowCount = 0;
  private serverFailed = false;
  readonly done: Promise<number>;
  private resolve!: (n: number) => void;
  private reject!: (e: unknown) => void;

  constructor(
    private readonly text: string,
    private readonly onData?: (chunk: Buffer) => void,
    private readonly source?: () => Iterable<Buffer> | AsyncIterable<Buffer>,
  ) {
    this.done = new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
  }

  submit(connection: PgConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: PgConnection): void {
    void (async () => {
      try {
        if (!this.source) throw new Error('COPY FROM STDIN without a source');
        for await (const chunk of this.source()) {
          // the server refused the COPY (a unique violation mid-stream): stop, or the rest of the data would reach
          // the connection's next statement
          if (this.serverFailed) return;
          connection.sendCopyFromChunk(chunk);
          if (connection.stream.writableNeedDrain) await new Promise((r) => connection.stream.once('drain', r));
        }
        connection.endCopyFrom();
      } catch (err) {
        this.error = err;
        connection.sendCopyFail(String((err as Error)?.message ?? err));
      }
    })();
  }

  handleCopyData(msg: { chunk: Buffer }): void {
    if (this.error) return;
    try {
      this.onData?.(msg.chunk);
    } catch (err) {
      // Keep draining the stream (the protocol must reach ReadyForQuery); report at the end.
      this.error = err;
    }
  }

  handleCommandComplete(msg: { text?: string; command?: string; rowCount?: number }): void {
    this.rowCount = msg.rowCount ?? Number(/\d+$/.exec(msg.text ?? '')?.[0] ?? 0);
  }

  handleReadyForQuery(): void {
    if (this.error) this.reject(this.error);
    else this.resolve(this.rowCount);
  }

  handleError(err: unknown): void {
    this.serverFailed = true;
    this.reject(this.error ?? err);
  }

  handleEmptyQuery(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
}

/** Runs `COPY ... TO STDOUT`, calling `onData` with each CopyData payload; resolves to the row count. */
export function copyOut(client: PoolClient, sql: string, onData: (chunk: Buffer) => void): Promise<number> {
  const q = new CopySubmittable(sql, onData);
  client.query(q as never);
  return q.done;
}

/** Runs `COPY ... FROM STDIN` with the Buffers `source` yields; resolves to the row count. */
export function copyIn(client: PoolClient, sql: string, source: () => Iterable<Buffer> | AsyncIterable<Buffer>): Promise<number> {
  const q = new CopySubmittable(sql, undefined, source);
  client.query(q as never);
  return q.done;
}
