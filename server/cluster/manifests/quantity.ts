/** Quantities in the canonical forms Kubernetes itself prints, so applies do not flap. */
export function cpuQuantity(cores: number): string {
  const millis = Math.round(cores * 1000);
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

export function gibQuantity(gib: number): string {
  const mib = Math.round(gib * 1024);
  return mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** UTF-8 → base64 without Buffer, so this stays isomorphic. */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const triple = (a << 16) | (b << 8) | c;
    out += BASE64[(triple >> 18) & 63]! + BASE64[(triple >> 12) & 63]!;
    out += i + 1 < bytes.length ? BASE64[(triple >> 6) & 63]! : "=";
    out += i + 2 < bytes.length ? BASE64[triple & 63]! : "=";
  }
  return out;
}
