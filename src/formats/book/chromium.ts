import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium (apt install chromium fonts-noto-cjk), or another one through HOSHIN_CHROMIUM. */
export function chromiumPath(): string {
  return process.env.HOSHIN_CHROMIUM || "/usr/bin/chromium";
}

export function hasChromium(): boolean {
  return existsSync(chromiumPath());
}

/** Chromium is missing or does not start: one Japanese line naming the cause and what to install. */
export class ChromiumUnavailable extends Error {
  override readonly name = "ChromiumUnavailable";
}

export function chromiumMissingMessage(path = chromiumPath()): string {
  return `PDF を作るための Chromium が見つかりません（${path}）。apt install chromium fonts-noto-cjk で入れるか、HOSHIN_CHROMIUM で場所を指定してください。`;
}

let launches = 0;

/** How many browsers this process has launched (the PDF tests check that parallel downloads share one). */
export function chromiumLaunches(): number {
  return launches;
}

/** Headless Chromium with the flags a machine without outside network needs. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw new ChromiumUnavailable(chromiumMissingMessage(executablePath));
  launches++;
  try {
    return await chromium.launch({
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
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split("\n")[0];
    throw new ChromiumUnavailable(
      `Chromium（${executablePath}）を起動できません（${first}）。apt install chromium fonts-noto-cjk で入れ直すか、HOSHIN_CHROMIUM で別の場所を指定してください。`,
      { cause: e },
    );
  }
}

let shared: Promise<Browser> | null = null;

/**
 * The one browser of this process, launched on first use and again when it has died (disconnected);
 * every PDF is a page of it. closeSharedBrowser ends it (on shutdown, and after a command line export).
 */
export function sharedBrowser(): Promise<Browser> {
  if (!shared) {
    const launching = launchChromium();
    shared = launching;
    launching.then(
      (browser) =>
        browser.on("disconnected", () => {
          if (shared === launching) shared = null;
        }),
      () => {
        if (shared === launching) shared = null;
      },
    );
  }
  return shared;
}

export async function closeSharedBrowser(): Promise<void> {
  const browser = shared;
  shared = null;
  if (!browser) return;
  try {
    await (await browser).close();
  } catch {
    // It never started or is already gone: nothing to close.
  }
}
