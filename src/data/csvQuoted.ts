/**
 * Splitting a CSV record that contains a double quote (RFC 4180): a field that starts with `"` runs to the next
 * lone `"`, `""` inside it is one quote, and it may contain commas and newlines. The fast path of the reader never
 * sees quotes; lines with a quote come here as text.
 *
 * A record whose quoted field is still open at the end of a line continues on the next: the state is kept
 * (fields so far, the open field's text) and the next line is scanned from where the last one stopped, never the
 * record again from its start, so any input costs time proportional to its size (rescanning the pending record
 * made an unclosed quote before 600,000 short lines take 309 s).
 */
import { UserError } from '../errors';
import { escapeControl } from './csvShow';

/** A record being split: complete when `open` is false. */
export interface QuotedRecord {
  fields: string[];
  /** a quoted field continues on the next line */
  open: boolean;
  /** the open quoted field's text so far */
  value: string;
}

/**
 * splitQuotedLine(text, where, record?): the fields of `text`, or null while a quoted field is still open (the
 * record continues: pass the same `record` with the next line). `where()` names the place for the error about text
 * after a closing quote.
 * @example splitQuotedLine('"A,""B""",2020-01-02', () => 'x.csv:2') // ['A,"B"', '2020-01-02']
 */
export function splitQuotedLine(text: string, where: () => string, record: QuotedRecord = { fields: [], open: false, value: '' }): string[] | null {
  const fields = record.fields;
  const n = text.length;
  let i = 0;
  let resume = record.open;
  for (;;) {
    if (resume || text.charCodeAt(i) === 34 /* " */) {
      let value = resume ? record.value + '\n' : '';
      let j = resume ? 0 : i + 1;
      resume = false;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          record.open = true;
          record.value = value + text.slice(j);
          return null;
        }
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      record.open = false;
      record.value = '';
      fields.push(value);
      if (i >= n) return fields;
      if (text.charCodeAt(i) !== 44 /* , */) {
        throw new UserError(
          `${where()}: unexpected character '${escapeControl(text[i])}' after a closing quote; quote the whole field and double any quote inside it ("")`,
        );
      }
      i++;
      if (i >= n) {
        fields.push('');
        return fields;
      }
    } else {
      const c = text.indexOf(',', i);
      if (c < 0) {
        fields.push(text.slice(i));
        return fields;
      }
      fields.push(text.slice(i, c));
      i = c + 1;
      if (i >= n) {
        fields.push('');
        return fields;
      }
    }
  }
}
