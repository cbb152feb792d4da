import { describe, expect, it } from 'vitest';
import { findDocumentation } from './documentation';

describe('findDocumentation', () => {
  it('prefers the packaged copy, then the source checkout', () => {
    const all = () => true;
    expect(findDocumentation({ resources: '/opt/Sluice/resources', app: '/src/sluice' }, all)).toBe(
      '/opt/Sluice/resources/README.md',
    );
    expect(findDocumentation({ resources: undefined, app: '/src/sluice' }, all)).toBe('/src/sluice/README.md');
  });

  it('skips files inside an asar archive and files that do not exist', () => {
    const exists = (p: string) => p !== '/opt/Sluice/resources/README.md';
    expect(
      findDocumentation({ resources: '/opt/Sluice/resources', app: '/opt/Sluice/resources/app.asar' }, exists),
    ).toBe(undefined);
  });
});
