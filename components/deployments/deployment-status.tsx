"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/layout";
import { deploymentQuery } from "@/lib/client/queries/deployments";
import { failedWithoutData } from "@/lib/client/queries/state";
import type { DeploymentStatus } from "@/lib/deployments/status";

/** One deployment's live status, polled on its own (e.g. right after its launch). */
export function LiveDeploymentStatus({ deploymentId }: { deploymentId: string }) {
  const t = useTranslations("deployments");
  const status = useQuery(deploymentQuery(deploymentId));
  if (failedWithoutData(status))
    return (
      <p className="text-xs text-danger" role="status">
        {t("statusUnavailable")}
      </p>
    );
  if (!status.data) return <span className="inline-block h-4 w-16 animate-pulse rounded bg-border" aria-hidden />;
  return <DeploymentStatusView status={status.data} />;
}

/** The phase of a deployment, with the reason when it is stuck or failed, and its latest events. */
export function DeploymentStatusView({ status }: { status: DeploymentStatus }) {
  const t = useTranslations("deployments");
  const { phase, phaseMessage, url, events } = status;
  return (
    <div className="flex flex-col gap-1">
      <span role="status" aria-live="polite" className="flex flex-wrap items-center gap-2">
        <Badge
          tone={phase === "running" ? "accent" : phase === "failed" || phase === "pending" ? "warning" : "neutral"}
        >
          {t(`phases.${phase}`)}
        </Badge>
        {url && (
          <a href={url} className="text-xs text-accent hover:underline" target="_blank" rel="noreferrer">
            {t("open")}
          </a>
        )}
      </span>
      {phaseMessage && <span className="text-xs text-fg-muted">{phaseMessage}</span>}
      <EventList events={events} />
    </div>
  );
}

function EventList({ events }: { events: DeploymentStatus["events"] }) {
  const t = useTranslations("deployments");
  const format = useFormatter();
  // The portal's own reasons are translated; a reason it does not know is shown as the cluster gave it.
  const eventText = (event: DeploymentStatus["events"][number]) => {
    const reason = event.reasonKey ? t(`reasons.${event.reasonKey}`) : event.reason;
    const at = format.dateTime(new Date(event.at), { timeStyle: "medium" });
    return event.message ? t("eventWithMessage", { at, reason, message: event.message }) : t("event", { at, reason });
  };
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-fg-muted">{t("events")}</summary>
      {events.length === 0 ? (
        <p className="text-fg-muted">{t("noEvents")}</p>
      ) : (
        <ol className="mt-1 flex flex-col gap-1">
          {events.map((event) => (
            <li key={`${event.at}-${event.reason}`} className={event.type === "Warning" ? "text-danger" : undefined}>
              {eventText(event)}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
