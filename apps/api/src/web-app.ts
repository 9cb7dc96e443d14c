import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { packageRoot } from '@sakip/application';

/** Where `vite build` of apps/web writes the single-page application. */
export const DEFAULT_WEB_DIR = join(packageRoot(), 'dist', 'web');

/** The command that builds the web application (shown when it is missing). */
export const WEB_BUILD_COMMAND = 'npm run build:web';

/**
 * The pages' Content-Security-Policy: the application's own scripts, styles, fonts and images only; inline
 * style elements and attributes (Mantine's CSS variables, CodeMirror, ECharts), data: images and fonts.
 * No other host, no inline script, no eval.
 */
export const WEB_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The page `/` answers when the web application has not been built. */
export function notBuiltPage(webDir: string): string {
  const command = escapeHtml(WEB_BUILD_COMMAND);
  return `<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><title>sakip</title></head>
<body>
<h1>sakip</h1>
<p lang="id">Aplikasi web belum dibangun (folder ${escapeHtml(webDir)} tidak ada). Jalankan <code>${command}</code>, lalu muat ulang halaman ini. API tetap tersedia; dokumentasinya di <a href="/docs">/docs</a>.</p>
<p lang="en">The web application has not been built (there is no ${escapeHtml(webDir)}). Run <code>${command}</code>, then reload this page. The API works meanwhile; its documentation is at <a href="/docs">/docs</a>.</p>
</body>
</html>
`;
}

/**
 * Serves the single-page application on the API's origin: its files need no key; a GET that prefers HTML on
 * a path outside the API (`apiSegments`: first path segments of the API's routes) gets index.html, for
 * client routing. API routes, /docs and /health are never shadowed, and their answers keep the strict
 * policy `apiHeaders` set; only what this serves gets the pages' policy.
 */
export function webAppMiddleware(options: {
  readonly webDir: string;
  readonly apiSegments: ReadonlySet<string>;
  readonly apiHeaders: RequestHandler;
}): RequestHandler {
  const { webDir, apiSegments, apiHeaders } = options;
  const pageHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: WEB_CSP_DIRECTIVES },
  });
  const index = join(webDir, 'index.html');
  const files = express.static(webDir, { index: false, redirect: false, fallthrough: true });
  const toApi = (request: Request, response: Response, next: NextFunction) =>
    apiHeaders(request, response, next);

  return (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const first = request.path.split('/')[1] ?? '';
    if (apiSegments.has(first)) return next();
    const wantsPage = request.path === '/' || request.accepts(['json', 'html']) === 'html';
    pageHeaders(request, response, () => {
      const page = () => {
        if (!wantsPage) return toApi(request, response, next);
        if (!existsSync(index)) {
          response.status(200).type('html').send(notBuiltPage(webDir));
          return;
        }
        response.setHeader('Cache-Control', 'no-cache');
        response.sendFile(index, (error) => {
          if (error) next(error);
        });
      };
      if (request.path === '/' || !existsSync(webDir)) return page();
      files(request, response, page);
    });
  };
}
