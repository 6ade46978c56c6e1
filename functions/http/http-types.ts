/** Transport-neutral request/response, so the same routes run behind API Gateway and the local server. */
export interface HttpRequest {
  method: string;
  /** Path without query string, e.g. `/webchat/demo/messages`. */
  path: string;
  /** Header names are lower-cased. */
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  /** The raw bytes, exactly as received: signatures are checked over these. */
  body: Buffer;
  sourceIp?: string;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type RouteParams = Record<string, string>;
export type RouteHandler = (request: HttpRequest, params: RouteParams) => Promise<HttpResponse>;

export interface Route {
  method: string;
  /** `/webchat/:storeId/messages`: `:name` segments become params. */
  pattern: string;
  handler: RouteHandler;
  /** Largest body accepted, in bytes (default 16 KiB). */
  maxBodyBytes?: number;
}
