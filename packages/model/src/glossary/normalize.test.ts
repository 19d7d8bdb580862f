import { describe, expect, it } from 'vitest';
import { compareNames, foldKey, foldedWords, typoDistance } from './normalize';

describe('folding', () => {
  it('folds case, accents and punctuation', () => {
    expect(foldKey('  Café-Crème  (Über) ')).toBe('cafe creme uber');
    expect(foldedWords('Straße, Æther; Œuvre')).toEqual(['strasse', 'aether', 'oeuvre']);
    expect(foldKey('!!!')).toBe('');
  });

  it('sorts names alphabetically whatever their case and accents', () => {
    expect(['églantine', 'Zebra', 'apple', 'Éclair'].sort(compareNames)).toEqual(['apple', 'Éclair', 'églantine', 'Zebra']);
  });
});

describe('typoDistance', () => {
  it('counts insertions, deletions, substitutions and swaps as one typo each', () => {
    expect(typoDistance('churn', 'churn', 2)).toBe(0);
    expect(typoDistance('chrun', 'churn', 2)).toBe(1);
    expect(typoDistance('chun', 'churn', 2)).toBe(1);
    expect(typoDistance('churns', 'churn', 2)).toBe(1);
    expect(typoDistance('chorn', 'churn', 2)).toBe(1);
    expect(typoDistance('atribusion', 'attribution', 2)).toBe(2);
  });

  it('stops early past the maximum', () => {
    expect(typoDistance('marketing', 'technology', 2)).toBe(3);
    expect(typoDistance('a', 'abcdef', 2)).toBe(3);
  });
});
