"use client";

// The last resort when the root layout itself fails: no providers (and so no catalogs)
// are available here, so it shows the message in the two shipped languages.
export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "4rem", textAlign: "center" }}>
        <h1>Something went wrong · Une erreur est survenue</h1>
        <button type="button" onClick={reset}>Try again · Réessayer</button>
      </body>
    </html>
  );
}
