/**
 * Headers of every portal HTML page: scripts and styles only from this origin (the build has
 * no inline script), never framed, never sniffed, and no referrer sent elsewhere.
 */
export const htmlSecurityHeaders: Record<string, string> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Shown instead of the portal when web/dist holds no build. */
export const notBuiltPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Leadbase: portal not built</title></head>
<body>
<h1>The portal is not built</h1>
<p>The API is running under <code>/api</code>, but the web portal has not been built yet.
Run <code>npm run build</code>, then reload this page.</p>
</body>
</html>
`;
