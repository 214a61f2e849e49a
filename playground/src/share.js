// Share links: the model, compressed (deflate, the browser's own CompressionStream) and
// written in base64url, in the link's fragment (`#code=…`). The fragment never reaches a
// server, so a shared model stays between the people who have the link.

const PREFIX = "#code=";
/** A link never unpacks to more than this many bytes (a crafted link cannot fill memory). */
export const MAX_MODEL_BYTES = 1 << 20;

/** The fragment that carries `text`. */
export async function encode(text) {
  const packed = await pipe(new Blob([text]).stream(), new CompressionStream("deflate-raw"), Infinity);
  let binary = "";
  for (let i = 0; i < packed.length; i += 0x8000) binary += String.fromCharCode(...packed.subarray(i, i + 0x8000));
  return PREFIX + btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * The model a fragment carries: `null` when it carries none, a string when it does; throws an
 * Error saying what is wrong with a damaged or oversized link.
 */
export async function decode(hash) {
  if (!hash.startsWith(PREFIX)) return null;
  let bytes;
  try {
    const binary = atob(hash.slice(PREFIX.length).replace(/-/g, "+").replace(/_/g, "/"));
    bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    throw new Error("the link is damaged (it is not base64url)");
  }
  let unpacked;
  try {
    unpacked = await pipe(new Blob([bytes]).stream(), new DecompressionStream("deflate-raw"), MAX_MODEL_BYTES);
  } catch (error) {
    if (error instanceof RangeError) throw error;
    throw new Error("the link is damaged (it does not unpack)");
  }
  return new TextDecoder().decode(unpacked);
}

/** Reads `stream` through `transform`, stopping past `limit` bytes. */
async function pipe(stream, transform, limit) {
  const reader = stream.pipeThrough(transform).getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new RangeError(`the link unpacks to more than ${limit / (1 << 20)} MB`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
