/**
 * The bytes of a file as 1 MB chunks, for the CSV readers, with the file system's refusals (no such file, a
 * directory, no permission) turned into one-line `UserError`s naming the path. The stream is closed however the
 * consumer stops (an error on line 3 closes the file at once).
 */
import { createReadStream } from 'node:fs';
import { UserError } from '../errors';

/**
 * csvFileChunks(path): the file's bytes, chunk by chunk.
 * @example for await (const r of csvRecords(csvFileChunks(path), { source: path })) ...
 */
export async function* csvFileChunks(path: string): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${path}: no such file; check the path (relative paths start from the current directory)`);
    if (code === 'EISDIR') throw new UserError(`${path}: is a directory, not a CSV file; pass the path of the .csv file`);
    if (code === 'EACCES' || code === 'EPERM') throw new UserError(`${path}: permission denied; make the file readable`);
    throw err;
  } finally {
    stream.destroy();
  }
}
