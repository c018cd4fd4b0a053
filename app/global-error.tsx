"use client";

import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

// The last resort when the root layout itself fails: no providers, so no request catalog.
// It reads the shipped catalogs directly and picks by the browser's language.
function catalog() {
  const language = typeof navigator === "undefined" ? "en" : navigator.language;
  return language.toLowerCase().startsWith("fr") ? fr : en;
}

export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  const t = catalog().errors.pages;
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "4rem", textAlign: "center" }}>
        <h1>{t.errorTitle}</h1>
        <p>{t.errorBody}</p>
        <button type="button" onClick={reset}>
          {t.retry}
        </button>
      </body>
    </html>
  );
}
