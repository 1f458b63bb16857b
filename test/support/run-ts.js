// Runs a TypeScript file in a plain node child process (no jest), compiling with @swc/core on require.
// Usage: node test/support/run-ts.js <file.ts> [args...]
const { transformFileSync } = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformFileSync(filename, {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
const [file, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], file, ...args];
require(require('node:path').resolve(file));
