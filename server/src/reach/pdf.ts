import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { AppError } from '../errors.ts';

/** Turns a self-contained HTML document into a PDF. */
export interface PdfRenderer {
  render(html: string): Promise<Buffer>;
}

/** Debian's Chromium first; never a browser downloaded at run time. */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Print-to-PDF with the system Chromium, driven by playwright-core. A
 * browser is launched for each document and closed after it: summary
 * records are asked for rarely, and nothing stays running between them.
 * The page has JavaScript off and every network request refused, so the
 * document prints exactly what the server wrote into it.
 */
export function chromiumPdf(executablePath?: string): PdfRenderer {
  // One print at a time: a burst of requests waits its turn instead of
  // starting a browser each on a small machine.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const turn = queue.then(work, work);
    queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  };
  return {
    render: (html) => inTurn(() => print(html, executablePath)),
  };
}

async function print(html: string, executablePath: string | undefined): Promise<Buffer> {
  const path = executablePath ?? CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
  if (path === undefined || !fs.existsSync(path))
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      'PDF export needs Chromium on the server (apt-get install chromium); the HTML format works without it',
    );
  const browser = await chromium.launch({
    executablePath: path,
    headless: true,
    // Chromium's sandbox cannot start as root; as any other user it stays on.
    args: [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
    });
  } finally {
    await browser.close();
  }
}
