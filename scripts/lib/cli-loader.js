// out/cli/sluice.js: starts the bundled CLI (out/cli/sluice.cjs) from the V8 code cache the build
// wrote beside it (sluice.cjs.cache), as Node 20 has no compile cache of its own: compiling the
// 2.5 MB bundle is about 0.1 s of every `sluice` start otherwise. V8 refuses a cache made by another
// Node version or for another bundle, and the bundle is then compiled as usual.
// `npm run build:cli` runs this once with SLUICE_WRITE_CODE_CACHE=1 to write the cache.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const bundle = join(here, 'sluice.cjs');
const cacheFile = `${bundle}.cache`;
const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
const script = new vm.Script(Module.wrap(readFileSync(bundle, 'utf8')), {
  filename: bundle,
  cachedData,
});
if (process.env.SLUICE_WRITE_CODE_CACHE === '1') {
  // Written at exit, so the cache also holds the functions this run compiled; a rename, so a reader
  // never sees half a file.
  process.once('exit', () => {
    writeFileSync(`${cacheFile}.tmp`, script.createCachedData());
    renameSync(`${cacheFile}.tmp`, cacheFile);
  });
}
const module = new Module(bundle);
module.filename = bundle;
module.paths = Module._nodeModulePaths(here);
script.runInThisContext().call(module.exports, module.exports, createRequire(bundle), module, bundle, here);
