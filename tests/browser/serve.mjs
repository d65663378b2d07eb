// Starts `negotiateup serve` on a free loopback port for a browser test, and
// Debian's Chromium through playwright-core. NEGOTIATEUP_BINARY and
// NEGOTIATEUP_REPOSITORY come from ctest (tests/CMakeLists.txt); screenshots go
// to NEGOTIATEUP_SCREENSHOTS (under build/).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const binary = process.env.NEGOTIATEUP_BINARY;
const repository = process.env.NEGOTIATEUP_REPOSITORY;
export const screenshots = process.env.NEGOTIATEUP_SCREENSHOTS ?? 'screenshots';

// The server prints "serving N guides on http://HOST:PORT ..." once it listens.
// Its submissions go to a store of its own in a fresh temporary folder.
export async function startServer(extraArgs = []) {
  const store = path.join(mkdtempSync(path.join(tmpdir(), 'negotiateup-browser-')), 'store.db');
  const child = spawn(binary, ['serve', '--catalog', path.join(repository, 'catalog'),
                               '--templates', path.join(repository, 'templates'),
                               '--db', store, '--listen', '127.0.0.1:0', ...extraArgs],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  const address = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no address after 20 s: ${seen}`)), 20000);
    const read = (chunk) => {
      seen += chunk;
      const found = seen.match(/https?:\/\/[0-9.]+:[0-9]+/);
      if (found) {
        clearTimeout(timer);
        resolve(found[0]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${seen}`)));
  });
  return { address, stop: () => child.kill('SIGTERM') };
}

export async function startBrowser({ javaScriptEnabled = true } = {}) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
                                          args: ['--no-sandbox'] });
  const open = async (width, height) => browser.newPage({ viewport: { width, height },
                                                          javaScriptEnabled });
  return { browser, open };
}

export function screenshotPath(name) {
  mkdirSync(screenshots, { recursive: true });
  return path.join(screenshots, `${name}.png`);
}
