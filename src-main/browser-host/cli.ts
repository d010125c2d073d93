// `npm run host`: the app's real services in Node, its renderer in any browser on loopback.
// `-- --port 4000`, `-- --user-data <dir>`, `-- --open` to open the address in the browser.
import { serveFromCommandLine } from './serve.ts';

await serveFromCommandLine(process.argv.slice(2), { open: false });
