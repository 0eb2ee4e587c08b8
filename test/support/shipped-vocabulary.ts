// The names and units of the shipped config/sitroom.yaml, as a team following the Ukraine crisis reads items.
import { loadConfigFile } from '../../src/config/load-config.js';
import { readingVocabularyOf } from '../../src/config/world-names.js';

/** The `knowledge` section of the shipped config, for test apps set up as a team would. */
export const shippedKnowledge = loadConfigFile('config/sitroom.yaml').knowledge;

export const shippedVocabulary = readingVocabularyOf(shippedKnowledge);
