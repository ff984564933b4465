import { Dirent, readdirSync, statSync } from 'node:fs';
import { normalize } from 'node:path';

export interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** The directory `discover` walks for `root`; children are named `${top}/${name}` ('/': `/${name}`). */
export function discoveryTop(root: string): string {
  return normalize(root).replace(/(.)\/+$/, '$1');
}

/** All files under `root` (recursively, symlinked dirs not followed) whose path `accept`s. */
export function discover(root: string, accept: (rel: string) => boolean): FoundFile[] {
  const out: FoundFile[] = [];
  // children are named by concatenation, not path.join: its normalisation of 700+ paths is a visible share
  // of a warm run, and a normalised root without a trailing slash gives the same strings
  const top = discoveryTop(root);
  const stack = [top];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // missing root or unreadable dir: nothing to read there
    }
    for (const ent of entries) {
      const p = dir === '/' ? `/${ent.name}` : `${dir}/${ent.name}`;
      if (ent.isDirectory()) {
        stack.push(p);
      } else if ((ent.isFile() || ent.isSymbolicLink()) && accept(p)) {
        try {
          // undefined: vanished between readdir and stat (transcript cleanup), skip
          const st = statSync(p, { throwIfNoEntry: false });
          if (st?.isFile()) {
            out.push({ path: p, size: st.size, mtimeMs: st.mtimeMs });
          }
        } catch {
          // unreadable (permissions, dangling symlink loop): skip
        }
      }
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
