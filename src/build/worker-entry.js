// Entry of a build pool thread. Plain JavaScript, because a new thread
// starts without the TypeScript loader: register tsx (resolved from
// ketluan's own node_modules, whatever folder the clerk runs in), then load
// the renderer. Registering again when the parent already runs under
// `--import tsx` is harmless.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
