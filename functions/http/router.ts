import { NotFoundError, PayloadTooLargeError, ValidationError } from '../errors/errors';
import type { Logger } from '../observability/logger';
import type { HttpRequest, HttpResponse, Route, RouteParams } from './http-types';
import { errorResponse, json } from './respond';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

/** A tiny path router: the same route table serves API Gateway events and the local HTTP server. */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(
    routes: Route[],
    private readonly logger: Logger,
  ) {
    this.routes = routes.map((route) => {
      const names: string[] = [];
      const source = route.pattern.replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { ...route, regex: new RegExp(`^${source}/?$`), names };
    });
  }

  /** Largest body any route accepts, so transports can stop reading early. */
  get maxBodyBytes(): number {
    return Math.max(...this.routes.map((r) => r.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES));
  }

  async handle(request: HttpRequest): Promise<HttpResponse> {
    try {
      const match = this.match(request.method, request.path);
      if (match === 'method_not_allowed') return json(405, { error: 'Method not allowed' });
      if (!match) throw new NotFoundError('Not found');
      const [route, params] = match;
      if (request.body.length > (route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)) {
        throw new PayloadTooLargeError('Request body too large');
      }
      return await route.handler(request, params);
    } catch (error) {
      return errorResponse(error, this.logger);
    }
  }

  private match(method: string, path: string): [Route, RouteParams] | 'method_not_allowed' | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) continue;
      const params: RouteParams = {};
      route.names.forEach((name, i) => {
        params[name] = decodePathSegment(m[i + 1] ?? '');
      });
      return [route, params];
    }
    return pathMatched ? 'method_not_allowed' : undefined;
  }
}

/** A malformed percent-escape (`%E0%A4%A`) is the client's mistake: 400, never a URIError and a 500. */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ValidationError('Malformed percent-escape in the path');
  }
}
