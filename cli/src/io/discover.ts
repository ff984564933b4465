import { Dirent, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** All files under `root` (recursively, symlinked dirs not followed) whose path `accept`s. */
export function discover(root: string, accept: (rel: string) => boolean): FoundFile[] {
  const out: FoundFile[] = [];
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // missing root or unreadable dir: nothing to read there
    }
    for (const ent of entries) {
      const p = join(dir, ent.name);
      if (ent.isDirectory()) {
        stack.push(p);
      } else if ((ent.isFile() || ent.isSymbolicLink()) && accept(p)) {
        try {
          const st = statSync(p);
          if (st.isFile()) {
            out.push({ path: p, size: st.size, mtimeMs: st.mtimeMs });
          }
        } catch {
          // vanished between readdir and stat (transcript cleanup): skip
        }
      }
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
