import type { BoothView, LanguageCode, ListeningChoice } from '@majlis/shared';

/**
 * The booths an interpreter may take relay from: the other booths with an
 * interpreter on air (a silent booth has nothing to relay). The booth
 * already chosen stays in the list when it falls silent, so the picker never
 * shows a choice it does not hold; the console then says the channel is silent.
 */
export function relayBooths(
  booths: readonly BoothView[],
  ownLanguage: LanguageCode,
  chosen: ListeningChoice,
): BoothView[] {
  return booths.filter(
    (b) => b.language !== ownLanguage && (b.active !== null || b.language === chosen),
  );
}
