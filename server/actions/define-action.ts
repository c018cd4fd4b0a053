import type { z } from "zod";
import type { ActionResult } from "@/lib/errors";
import { type Access, authorize, type CallerFor } from "@/server/authz";
import { parseInput, toPublicError } from "@/server/errors";

type ActionSpec<A extends Access, S extends z.ZodType, R> = {
  access: A;
  input: S;
  run: (input: z.output<S>, caller: CallerFor<A>) => Promise<R>;
};

/**
 * Every server action is built here: authorize the caller first (before even reading the
 * input), then validate with the shared schema, then call the service. Failures come back
 * as a translatable code, never as a thrown error or a message with internals.
 */
export function defineAction<A extends Access, S extends z.ZodType, R>(spec: ActionSpec<A, S, R>) {
  return async (raw: z.input<S>): Promise<ActionResult<R>> => {
    try {
      const caller = await authorize(spec.access);
      const input = parseInput(spec.input, raw);
      return { ok: true, data: await spec.run(input, caller) };
    } catch (error) {
      return { ok: false, error: toPublicError(error) };
    }
  };
}
