import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const RULE = 'i18next/no-literal-string';

/**
 * Lints `source` as if it were a page, with the repository's own
 * eslint.config.js (the one `npm test` runs), and returns the guard's findings.
 * The path is a real component's, so type-aware linting has a project for it;
 * the planted text replaces that file's content in memory only.
 */
async function guardFindings(source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: repoRoot });
  const [result] = await eslint.lintText(source, {
    filePath: path.join(repoRoot, 'client/src/i18n/LanguagePicker.tsx'),
  });
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('LANG-1 guard: no hard-coded user-visible string in a component', () => {
  it('reports planted text in JSX', { timeout: 60_000 }, async () => {
    const findings = await guardFindings(
      `export function Planted() {\n  return <p>Welcome to the summit</p>;\n}\n`,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toContain('Welcome to the summit');
  });

  it('reports a planted label in an accessible name', { timeout: 60_000 }, async () => {
    const findings = await guardFindings(
      `export function Planted() {\n  return <button type="button" aria-label="Close" />;\n}\n`,
    );
    expect(findings).toHaveLength(1);
  });

  it('reports a string hidden in a JSX expression', { timeout: 60_000 }, async () => {
    const findings = await guardFindings(
      `export function Planted({ on }: { on: boolean }) {\n  return <p>{on ? 'Live' : 'Offline'}</p>;\n}\n`,
    );
    expect(findings).toHaveLength(2);
  });

  it(
    'lets through translated text, the brand and attributes that are not prose',
    { timeout: 60_000 },
    async () => {
      const findings = await guardFindings(
        [
          `import { useT } from './hooks.tsx';`,
          `export function Clean() {`,
          `  const t = useT();`,
          `  return (`,
          `    <a className="brand" href="/" data-testid="brand" lang="en">`,
          `      Majlis <span>{t('home.title')}</span> —`,
          `    </a>`,
          `  );`,
          `}`,
          ``,
        ].join('\n'),
      );
      expect(findings).toEqual([]);
    },
  );
});
