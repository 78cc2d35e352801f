import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const clientSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Physical properties and values that do not mirror under `dir="rtl"`; each
 * has a logical twin (margin-inline-start, inset-inline-end, text-align: start…).
 */
const PHYSICAL =
  /(?:^|[\s;{])(?:(?:margin|padding|border)-(?:left|right)[\w-]*|left|right|border-(?:top|bottom)-(?:left|right)-radius)\s*:|(?:text-align|float|clear)\s*:\s*(?:left|right)\b/m;

export function physicalDeclarations(css: string): string[] {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/[;{}]/)
    .map((d) => d.trim())
    .filter((d) => PHYSICAL.test(` ${d}`));
}

function cssFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.css'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('styles mirror in Arabic: logical properties only', () => {
  it.each(cssFiles(clientSrc).map((f) => [path.relative(clientSrc, f), f]))(
    '%s has no left/right property',
    (_name, file) => {
      expect(physicalDeclarations(fs.readFileSync(file, 'utf8'))).toEqual([]);
    },
  );

  it('reports planted physical declarations and passes their logical twins', () => {
    const planted = `.a { margin-left: 1rem; padding-right: 2px; }
      .b { left: 0; text-align: right; float: left; }
      .c { margin-inline-start: 1rem; inset-inline-end: 0; text-align: start; }`;
    expect(physicalDeclarations(planted)).toEqual([
      'margin-left: 1rem',
      'padding-right: 2px',
      'left: 0',
      'text-align: right',
      'float: left',
    ]);
  });
});
