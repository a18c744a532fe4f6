// No convkit-specific configuration: the plugin only sends COOP/COEP with a page requested with
// ?coi=1, so one dev server serves both the isolated page and the plain one.
export default {
  logLevel: 'error',
  plugins: [{
    name: 'coi-on-request',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (/[?&]coi=1/.test(req.url ?? '')) {
          res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
          res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
        }
        next();
      });
    },
  }],
};
