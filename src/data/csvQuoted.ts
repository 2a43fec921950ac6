/**
 * Splitting one CSV record that contains a double quote (RFC 4180): a field that starts with `"` runs to the next
 * lone `"`, `""` inside it is one quote, and it may contain commas and newlines. The fast path of the reader never
 * sees quotes; lines with a quote come here as text.
 */
import { UserError } from '../errors';

/**
 * splitQuotedLine(text, where): the fields of `text`, or null while a quoted field is still open (the record
 * continues on the next line). `where()` names the place for the error about text after a closing quote.
 * @example splitQuotedLine('"A,""B""",2020-01-02', () => 'x.csv:2') // ['A,"B"', '2020-01-02']
 */
export function splitQuotedLine(text: string, where: () => string): string[] | null {
  const fields: string[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return null;
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i >= n) return fields;
      if (text.charCodeAt(i) !== 44 /* , */) {
        throw new UserError(
          `${where()}: unexpected character '${text[i]}' after a closing quote; quote the whole field and double any quote inside it ("")`,
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
