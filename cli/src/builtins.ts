// Node built-ins a warm report run does not need, loaded on first use: a static import would load (and
// compile) them at the start of every run — node:crypto and node:worker_threads cost ~15 ms together.

/** node:crypto (process.getBuiltinModule from Node 20.16; require before that, CJS and the bundle alike). */
export function crypto(): typeof import('node:crypto') {
  return process.getBuiltinModule?.('node:crypto') ?? require('node:crypto');
}

export function sha1Hex(data: string | Uint8Array): string {
  return crypto().createHash('sha1').update(data).digest('hex');
}

/** node:child_process (it loads the net and streams stack): for the native reader and git only. */
export function childProcess(): typeof import('node:child_process') {
  return process.getBuiltinModule?.('node:child_process') ?? require('node:child_process');
}
