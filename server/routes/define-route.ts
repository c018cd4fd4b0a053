import { HTTP_STATUS } from "@/lib/errors";
import { authorize, type Access, type CallerFor } from "@/server/authz";
import { toPublicError } from "@/server/errors";

type RouteContext = { params: Promise<Record<string, string | string[]>> };
type Handler<A extends Access> = (request: Request, caller: CallerFor<A>, context: RouteContext) => Promise<Response>;

/** Route handlers' counterpart of defineAction: authorize, run, and map errors to JSON. */
export function defineRoute<A extends Access>(access: A, handler: Handler<A>) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const caller = await authorize(access);
      return await handler(request, caller, context);
    } catch (error) {
      const body = toPublicError(error);
      return Response.json({ error: body }, { status: HTTP_STATUS[body.code] });
    }
  };
}
