// @vitest-environment jsdom
// The zh-CN and en catalogs must match key for key, have no empty values and use the same placeholders.
import { describe, expect, it } from 'vitest';
import en from '../../../src/renderer/src/i18n/en.json';
import zhCN from '../../../src/renderer/src/i18n/zh-CN.json';
import { compareCatalogs, flattenCatalog, isCleanReport, placeholders } from './helpers/catalog-compare';

describe('i18n catalogs', () => {
  it('zh-CN and en have the same keys, no empty values and matching placeholders', () => {
    const report = compareCatalogs(en, zhCN);
    // toEqual on the whole report names every offending key in the failure message.
    expect(report).toEqual({ missingInSecond: [], missingInFirst: [], empty: [], notString: [], placeholderMismatch: [] });
    expect(flattenCatalog(en).size).toBeGreaterThan(50);
  });

  it('reports a key added to only one catalog', () => {
    const broken = structuredClone(zhCN) as Record<string, unknown>;
    (broken.settings as Record<string, unknown>).onlyInChinese = '只有中文';
    const report = compareCatalogs(en, broken);
    expect(isCleanReport(report)).toBe(false);
    expect(report.missingInFirst).toEqual(['settings.onlyInChinese']);
    expect(compareCatalogs(broken, en).missingInSecond).toEqual(['settings.onlyInChinese']);
  });

  it('reports a key missing from one catalog, an empty value and a placeholder mismatch', () => {
    const broken = structuredClone(en);
    delete (broken.warRoom as Partial<typeof broken.warRoom>).title;
    broken.settings.intro = '  ';
    broken.chrome.freshness.asOf = 'as of {{when}}';
    const report = compareCatalogs(broken, zhCN);
    expect(report.missingInFirst).toEqual(['warRoom.title']);
    expect(report.empty).toEqual(['first:settings.intro']);
    expect(report.placeholderMismatch).toEqual([{ key: 'chrome.freshness.asOf', first: ['when'], second: ['time'] }]);
  });

  it('extracts placeholders with spaces and format arguments', () => {
    expect(placeholders('{{ count }} of {{total, number}} {{count}}')).toEqual(['count', 'total']);
  });
});
