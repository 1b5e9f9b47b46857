import { bilingual, bilingualView, pendingFields, translationState } from './bilingual-text';
import { mergeBilingual, readBilingual } from './bilingual-input';

describe('bilingual texts', () => {
  it('reads `x` alone as the author language and leaves the other side pending', () => {
    const read = readBilingual({ title: 'Ordre du jour' }, 'title', 'fr', { required: true })!;
    expect(read.text).toEqual({ en: null, fr: 'Ordre du jour' });
    expect(read.sourceLang).toBe('fr');
    expect(translationState(read.sourceLang, read.text)).toEqual({ status: 'pending', sourceLang: 'fr' });
  });

  it('refuses a required field given nowhere, and `x` together with the same side', () => {
    expect(() => readBilingual({}, 'title', 'en', { required: true })).toThrow(/title/);
    expect(() => readBilingual({ title: 'a', titleEn: 'b' }, 'title', 'en')).toThrow(/titleEn/);
    expect(readBilingual({}, 'title', 'en')).toBeUndefined();
  });

  it('answers the reader language, or the original while that one is pending', () => {
    expect(bilingualView('title', bilingual(null, 'Réunion'), 'en')).toEqual({ title: 'Réunion', titleEn: null, titleFr: 'Réunion' });
    expect(bilingualView('title', bilingual('Meeting', 'Réunion'), 'fr').title).toBe('Réunion');
  });

  it('a translation completes the pair; a rewrite of the source clears the translation', () => {
    const stored = bilingual('Housing', null);
    const translated = mergeBilingual(stored, readBilingual({ titleFr: 'Logement' }, 'title', 'fr')!, 'en');
    expect(translated).toEqual({ text: { en: 'Housing', fr: 'Logement' }, sourceLang: 'en' });
    const rewritten = mergeBilingual(translated.text, readBilingual({ title: 'Interim housing' }, 'title', 'en')!, 'en');
    expect(rewritten).toEqual({ text: { en: 'Interim housing', fr: null }, sourceLang: 'en' });
    expect(pendingFields({ title: rewritten.text, mandate: bilingual(null, null) })).toEqual(['title']);
  });

  it('clears only the side sent blank, and the whole text when both are', () => {
    const stored = bilingual('Mandate', 'Mandat');
    expect(mergeBilingual(stored, readBilingual({ mandateFr: '' }, 'mandate', 'en')!, 'en')).toEqual({ text: { en: 'Mandate', fr: null }, sourceLang: 'en' });
    expect(mergeBilingual(stored, readBilingual({ mandateEn: ' ' }, 'mandate', 'en')!, 'en')).toEqual({ text: { en: null, fr: 'Mandat' }, sourceLang: 'fr' });
    expect(mergeBilingual(stored, readBilingual({ mandateEn: '', mandateFr: '' }, 'mandate', 'en')!, 'en').text).toEqual({ en: null, fr: null });
    expect(mergeBilingual(stored, readBilingual({ mandate: null as unknown as string }, 'mandate', 'fr')!, 'en').text).toEqual({ en: null, fr: null });
  });
});
