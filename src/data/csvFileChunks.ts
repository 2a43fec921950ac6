/**
 * The bytes of a file as 1 MB chunks, for the CSV readers, with the file system's refusals (no such file, a
 * directory, no permission) turned into one-line `UserError`s naming the path. The file is closed however the
 * consumer stops (an error on line 3 closes it at once).
 *
 * Every chunk is a view of one of two reused buffers, valid until the next chunk is asked for (the line splitter
 * copies the unfinished tail it carries): a 1 GB file allocates 2 MB, not a thousand 1 MB buffers whose external
 * memory kept V8 running full collections (about an eighth of the parse of a 205 MB file). The next chunk is read
 * into the other buffer while the consumer parses this one.
 */
import { open } from 'node:fs/promises';
import { UserError } from '../errors';

/**
 * csvFileChunks(path): the file's bytes, chunk by chunk.
 * @example for await (const r of csvRecords(csvFileChunks(path), { source: path })) ...
 */
export async function* csvFileChunks(path: string): AsyncGenerator<Uint8Array> {
  const fail = (err: unknown): never => {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${path}: no such file; check the path (relative paths start from the current directory)`);
    if (code === 'EISDIR') throw new UserError(`${path}: is a directory, not a CSV file; pass the path of the .csv file`);
    if (code === 'EACCES' || code === 'EPERM') throw new UserError(`${path}: permission denied; make the file readable`);
    throw err;
  };
  const file = await open(path, 'r').catch(fail);
  const bufs = [Buffer.allocUnsafe(1 << 20), Buffer.allocUnsafe(1 << 20)];
  // position null: the file's own offset, so a pipe or FIFO (`db load /dev/stdin`) reads too; one read in flight at a time
  const readInto = (buf: Buffer) => file.read(buf, 0, buf.length, null).then(({ bytesRead }) => bytesRead);
  let next: Promise<number> = readInto(bufs[0]);
  try {
    for (let k = 0; ; k ^= 1) {
      const bytesRead = await next.catch(fail);
      if (bytesRead === 0) return;
      next = readInto(bufs[k ^ 1]);
      next.catch(() => undefined); // awaited (and reported) on the next round, or dropped with the file
      yield bufs[k].subarray(0, bytesRead);
    }
  } finally {
    await next.catch(() => undefined);
    await file.close();
  }
}
