import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRequest, HttpResponse } from './http-types';

/** Reads a Node request into an HttpRequest, refusing bodies past `maxBodyBytes` without buffering them. */
export async function fromNodeRequest(
  req: IncomingMessage,
  maxBodyBytes: number,
): Promise<HttpRequest | 'too_large'> {
  // Origin-form only: a path like `//x` must stay a path, not become a protocol-relative URL (and a 500).
  const target = req.url?.startsWith('/') ? req.url : '/';
  const url = new URL(`http://local${target}`);
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) {
      tooLarge = true;
      continue; // drain, so the connection can still carry the 413
    }
    chunks.push(chunk as Buffer);
  }
  if (tooLarge) return 'too_large';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    headers,
    query: Object.fromEntries(url.searchParams.entries()),
    body: Buffer.concat(chunks),
    sourceIp: req.socket.remoteAddress,
  };
}

export function writeNodeResponse(res: ServerResponse, response: HttpResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body ?? '');
}
