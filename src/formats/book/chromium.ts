import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium (apt-get install chromium fonts-noto-cjk), or another one through HOSHIN_CHROMIUM. */
export function chromiumPath(): string {
  return process.env.HOSHIN_CHROMIUM || "/usr/bin/chromium";
}

export function hasChromium(): boolean {
  return existsSync(chromiumPath());
}

/** Headless Chromium with the flags a machine without outside network needs. */
export function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium が見つかりません（${executablePath}）。PDF を作るには apt-get install chromium fonts-noto-cjk を実行するか、HOSHIN_CHROMIUM で場所を指定してください。`,
    );
  }
  return chromium.launch({
    executablePath,
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
