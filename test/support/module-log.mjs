// `node --import test/support/module-log.mjs ...`: lists every module the ES module loader loads
// (one URL a line) in the file named by AOAI_TEST_MODULE_LOG. CommonJS `require` calls inside
// packages are not seen, the entry of a package loaded with `import` is.
import { register } from "node:module";

register(new URL("./module-log-hooks.mjs", import.meta.url), { data: { log: process.env.AOAI_TEST_MODULE_LOG } });
