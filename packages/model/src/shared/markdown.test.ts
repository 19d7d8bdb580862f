import { describe, expect, it } from 'vitest';
import { markdownParagraphs, markdownText, mdTableCell } from './markdown';

describe('markdownText', () => {
  it('keeps raw HTML, links and emphasis as typed', () => {
    expect(markdownText('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(markdownText('[click](javascript:alert(1))')).toBe('\\[click\\](javascript:alert(1))');
    expect(markdownText('![x](https://tracker.example/p.gif)')).toBe('!\\[x\\](https://tracker.example/p.gif)');
    expect(markdownText('<javascript:alert(1)>')).toBe('&lt;javascript:alert(1)&gt;');
    expect(markdownText('**bold** _it_ `code` ~~gone~~ a\\b &amp;')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~ a\\\\b &amp;amp;');
  });

  it('never lets text forge a heading, a list, a quote or a table row', () => {
    expect(markdownText('Churn\n# Owned by Eve\n| a | b |')).toBe('Churn # Owned by Eve \\| a \\| b \\|');
    expect(markdownText('# heading')).toBe('\\# heading');
    expect(markdownText('- item')).toBe('\\- item');
    expect(markdownText('+ item')).toBe('\\+ item');
    expect(markdownText('> quote')).toBe('&gt; quote');
    expect(markdownText('2026. A year')).toBe('2026\\. A year');
    expect(markdownText('===')).toBe('\\===');
    expect(markdownText('Line\u2028# separator')).toBe('Line # separator');
  });

  it('leaves plain words and numbers alone', () => {
    expect(markdownText('Net revenue retention (NRR): 3.2% in Q1, C# and C++ teams')).toBe('Net revenue retention (NRR): 3.2% in Q1, C# and C++ teams');
  });
});

describe('markdownParagraphs', () => {
  it('keeps lines and paragraphs, each line escaped', () => {
    expect(markdownParagraphs('First line\n# not a heading\n\n\n  <b>second</b> paragraph  ')).toBe('First line  \n\\# not a heading\n\n&lt;b&gt;second&lt;/b&gt; paragraph');
    expect(markdownParagraphs('  \n ')).toBe('');
  });
});

describe('mdTableCell', () => {
  it('keeps one cell on one row, and numbers as they are', () => {
    expect(mdTableCell('a\nb|c')).toBe('a b\\|c');
    expect(mdTableCell('2.1% (2026-03-01)')).toBe('2.1% (2026-03-01)');
    expect(mdTableCell('')).toBe(' ');
  });
});
