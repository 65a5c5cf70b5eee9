import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = process.env.HOSHIN_CHROMIUM || "/usr/bin/chromium";

/**
 * Debian's Chromium, or null with a message when it is not installed (apt-get install chromium
 * fonts-noto-cjk). Under HOSHIN_CI_STRICT=1 (set by .ci/run) a missing browser is an error, not a skip.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const why = `Chromium が見つかりません（${CHROMIUM}）`;
  if (process.env.HOSHIN_CI_STRICT === "1")
    throw new Error(`${why}。CI ではブラウザのテストを飛ばせません。`);
  console.warn(
    `${why}: ブラウザのテストを飛ばします。apt-get install chromium fonts-noto-cjk で入れられます。`,
  );
  return false;
}

/** Headless Chromium with the flags this machine's closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
