/**
 * The usual font folders, in a module of their own: the build's cache
 * fingerprints them on every run (build/cache.ts), and importing fonts.ts
 * for that would load fontkit (about 0.2 s) into a no-op rebuild.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The usual font folders of Linux, macOS and Windows (existing or not). */
export function systemFontDirectories(): string[] {
  const home = homedir();
  const dirs = [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    join(home, '.fonts'),
    join(home, '.local/share/fonts'),
    '/Library/Fonts',
    '/System/Library/Fonts/Supplemental',
    join(home, 'Library/Fonts'),
  ];
  if (process.env.WINDIR) dirs.push(join(process.env.WINDIR, 'Fonts'));
  return dirs;
}
