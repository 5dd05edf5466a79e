import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

/**
 * Where a workspace path really leads, following symbolic links: `inside` is false when
 * it resolves outside the workspace root (a `workflow.json` or a workflow folder linked
 * to elsewhere). The loader does not read such files and saving does not write through
 * them (docs/workspace.md, Symbolic links). A path that does not exist yet is judged by
 * its nearest existing parent.
 */
export async function resolveInWorkspace(root: string, path: string): Promise<{ inside: boolean; real: string }> {
  const realRoot = await realpath(resolve(root));
  let probe = resolve(path);
  let rest = '';
  for (;;) {
    try {
      const real = resolve(await realpath(probe), rest);
      return { inside: isInside(realRoot, real), real };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = dirname(probe);
      if (parent === probe) return { inside: false, real: resolve(path) };
      rest = rest ? `${probe.slice(parent.length + 1)}/${rest}` : probe.slice(parent.length + 1);
      probe = parent;
    }
  }
}

function isInside(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside === '' || (!inside.startsWith('..') && !isAbsolute(inside));
}
