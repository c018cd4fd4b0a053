import { z } from "zod";
import { HTTP_STATUS } from "@/lib/errors";
import { bearerIdentity, bearerTokenOf } from "@/server/auth/bearer";
import { runAs } from "@/server/auth/request-scope";
import { type Access, authorize, type CallerFor } from "@/server/authz";
import { parseInput, toPublicError } from "@/server/errors";
import { refuseCrossSite } from "./cross-site";
import { type BodyKind, readBody } from "./read-body";

/** Next passes no `params` at all to a route without dynamic segments. */
type RouteContext = { params?: Promise<Record<string, string | string[]>> };

/** One schema per part of the request; a body without one is never read, a query without one is ignored. */
type InputSchemas = { params?: z.ZodType; query?: z.ZodType; body?: { kind: BodyKind; schema: z.ZodType } };

type Parsed<I extends InputSchemas> = {
  params: I["params"] extends z.ZodType ? z.output<I["params"]> : Record<string, never>;
  query: I["query"] extends z.ZodType ? z.output<I["query"]> : Record<string, never>;
  body: I["body"] extends { schema: z.ZodType } ? z.output<I["body"]["schema"]> : undefined;
};

type RouteSpec<A extends Access, I extends InputSchemas, R> = {
  access: A;
  input: I;
  /** Plain data is answered as JSON with `status` (200 by default); a Response is sent as it is. */
  run: (input: Parsed<I>, caller: CallerFor<A>) => Promise<R | Response>;
  status?: number;
};

const NOTHING = z.object({});

/** Only the REST API takes API tokens: pages, server actions and other routes know the session alone. */
const REST_API = "/api/v1/";

/**
 * Route handlers' counterpart of defineAction: find who calls (an API token on the REST API, else the
 * session, whose state-changing requests must come from the portal's own pages), authorize (before reading
 * anything of the request), validate the path's params, the query string and the body each with its zod
 * schema (field errors name the field, as an action's do), run, and answer every failure in the one
 * documented shape, `{ "error": PublicError }`.
 */
export function defineRoute<A extends Access, const I extends InputSchemas, R>(spec: RouteSpec<A, I, R>) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const token = new URL(request.url).pathname.startsWith(REST_API) ? bearerTokenOf(request) : null;
      if (token === null) {
        refuseCrossSite(request);
        return await handle(spec, request, context);
      }
      // The token's identity replaces the session's for the whole request: its cookies are never read.
      return await runAs(await bearerIdentity(token), () => handle(spec, request, context));
    } catch (error) {
      const body = toPublicError(error);
      return Response.json({ error: body }, { status: HTTP_STATUS[body.code] });
    }
  };
}

async function handle<A extends Access, I extends InputSchemas, R>(
  spec: RouteSpec<A, I, R>,
  request: Request,
  context: RouteContext,
): Promise<Response> {
  const caller = await authorize(spec.access);
  const input = {
    // A route without dynamic segments gets no params at all from Next.
    params: parseInput(spec.input.params ?? z.record(z.string(), z.unknown()), (await context.params) ?? {}),
    query: parseInput(spec.input.query ?? NOTHING, Object.fromEntries(new URL(request.url).searchParams)),
    body: spec.input.body && parseInput(spec.input.body.schema, await readBody(request, spec.input.body.kind)),
  } as Parsed<I>;
  const result = await spec.run(input, caller);
  return result instanceof Response ? result : Response.json(result, { status: spec.status ?? 200 });
}
