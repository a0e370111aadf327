import { Transform } from "node:stream";
import { StringDecoder } from "node:string_decoder";

const DOCUMENT_END = "</body></html>";

/**
 * Remix renders the hand-over of the page's data (single fetch's <script> tags) after the document, and React writes
 * the closing </body></html> with the shell, so those scripts would arrive after </html>: invalid HTML (the W3C
 * checker stops there) that browsers quietly move into <body>. This stream holds the closing tags back and writes
 * them last, so the scripts end up inside <body>, where browsers put them anyway. Everything else streams as it comes.
 */
export function documentEndLast(): Transform {
  const decoder = new StringDecoder("utf8");
  let held = "";
  let closed = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const text = held + decoder.write(chunk);
      held = "";
      if (closed) return callback(null, text || undefined);
      const at = text.indexOf(DOCUMENT_END);
      if (at >= 0) {
        closed = true;
        const rest = text.slice(0, at) + text.slice(at + DOCUMENT_END.length);
        return callback(null, rest || undefined);
      }
      // The closing tags may be split between two chunks: keep back what could be their beginning.
      const keep = Math.min(text.length, DOCUMENT_END.length - 1);
      held = text.slice(text.length - keep);
      callback(null, text.length > keep ? text.slice(0, text.length - keep) : undefined);
    },
    flush(callback) {
      callback(null, held + decoder.end() + (closed ? DOCUMENT_END : ""));
    },
  });
}
