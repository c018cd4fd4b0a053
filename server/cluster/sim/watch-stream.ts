/**
 * Serving `?watch=true`: newline-delimited JSON events, resumable from a resourceVersion, with
 * bookmarks, initial events, timeouts, and the 410 Expired ERROR event for compacted versions.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiServer } from "./apiserver.ts";
import type { ResourceType } from "./resources.ts";
import { compileFieldSelector, parseFieldSelector, parseLabelSelector } from "./selectors.ts";
import { errors } from "./status.ts";
import { bookmarkLine, eventLine, projectEvent, type Watcher, type WatchFilter } from "./watch-hub.ts";

interface WatchRequest {
  rt: ResourceType;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
  allowWatchBookmarks: boolean;
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
}

/** Above this much unsent data a watcher is too slow and gets disconnected, as in kube-apiserver. */
const MAX_BUFFERED = 32 * 1024 * 1024;

export function serveWatch(api: ApiServer, _req: IncomingMessage, res: ServerResponse, w: WatchRequest) {
  const filter: WatchFilter = {
    rt: w.rt,
    namespace: w.namespace,
    labels: parseLabelSelector(w.labelSelector),
    fields: compileFieldSelector(w.rt.key, w.rt.qualified, parseFieldSelector(w.fieldSelector)),
  };
  if (w.sendInitialEvents !== undefined) {
    if (w.resourceVersionMatch !== "NotOlderThan") {
      throw errors.invalidOptions("ListOptions", [
        {
          field: "sendInitialEvents",
          reason: "FieldValueForbidden",
          message:
            "Forbidden: sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan",
        },
      ]);
    }
    if (w.sendInitialEvents && !w.allowWatchBookmarks) {
      throw errors.invalidOptions("ListOptions", [
        {
          field: "allowWatchBookmarks",
          reason: "FieldValueForbidden",
          message: "Forbidden: allowWatchBookmarks must be set to true when sendInitialEvents is true",
        },
      ]);
    }
  } else if (w.resourceVersionMatch !== undefined) {
    throw errors.invalidOptions("ListOptions", [
      {
        field: "resourceVersionMatch",
        reason: "FieldValueForbidden",
        message: "Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided",
      },
    ]);
  }
  if (w.timeoutSeconds !== undefined && w.timeoutSeconds < 0)
    throw errors.badRequest("timeoutSeconds: Invalid value: must be non-negative");

  const store = api.store;
  const current = store.resourceVersion;
  const rvParam = w.resourceVersion ?? "";
  let initial: string[] = [];
  let expired: string | undefined;
  const initialFromState = w.sendInitialEvents === true || rvParam === "" || rvParam === "0";
  if (initialFromState) {
    for (const o of store.list(w.rt, w.namespace, filter.labels, filter.fields)) {
      initial.push(`${JSON.stringify({ type: "ADDED", object: o })}\n`);
    }
    if (w.sendInitialEvents) initial.push(bookmarkLine(w.rt, String(current), { "k8s.io/initial-events-end": "true" }));
  } else {
    const rv = Number(rvParam);
    if (!Number.isInteger(rv) || rv < 0)
      throw errors.badRequest(`resourceVersion: Invalid value: "${rvParam}": must be an unsigned integer`);
    if (rv > current) throw errors.timeout(`Too large resource version: ${rv}, current: ${current}`);
    const events = api.hub.eventsSince(rv);
    if (events === "expired") {
      expired = `too old resource version: ${rv} (${api.hub.oldestResumableRv + 1})`;
    } else {
      initial = [];
      for (const ev of events) {
        const type = projectEvent(filter, ev);
        if (type) initial.push(eventLine(ev, type));
      }
    }
  }

  res.writeHead(200, {
    "Content-Type": "application/json",
    "Cache-Control": "no-cache, private",
    "Transfer-Encoding": "chunked",
  });
  if (expired) {
    // kube-apiserver answers 200 and sends the 410 as an ERROR event, then ends the stream.
    res.end(`${JSON.stringify({ type: "ERROR", object: errors.gone(expired).status })}\n`);
    return;
  }
  res.flushHeaders();
  for (const line of initial) res.write(line);

  let closed = false;
  const watcher: Watcher = {
    filter,
    allowBookmarks: w.allowWatchBookmarks,
    write(line) {
      if (closed) return;
      res.write(line);
      if (res.writableLength > MAX_BUFFERED) this.destroy();
    },
    end() {
      if (closed) return;
      closed = true;
      cleanup();
      res.end();
    },
    destroy() {
      if (closed) return;
      closed = true;
      cleanup();
      res.socket?.destroy();
      res.destroy();
    },
  };
  const remove = api.hub.add(watcher);
  const timer = w.timeoutSeconds ? setTimeout(() => watcher.end(), w.timeoutSeconds * 1000) : undefined;
  timer?.unref?.();
  function cleanup() {
    remove();
    if (timer) clearTimeout(timer);
  }
  res.on("close", () => {
    if (!closed) {
      closed = true;
      cleanup();
    }
  });
}
