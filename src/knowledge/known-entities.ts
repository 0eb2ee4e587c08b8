// The gazetteer: names that no tagger can classify by itself (places, organisations, acronyms and
// the adjectives that point to a country). Extending sitroom to a new crisis starts by adding its
// places and organisations here. People are found in the text; only leaders who are named without
// a first name in the news ("President Biden") are listed, so their mentions meet across items.
import type { EntityKind } from './types.js';

export interface KnownEntity {
  name: string;
  kind: EntityKind;
  /** Other names, matched case-sensitively as whole words ("U.S.", "Kiev"). */
  aliases?: string[];
  /** Adjectives and nouns for its people ("Russian", "Russians"): they point to the place, in roles and descriptions. */
  demonyms?: string[];
  /** The country or organisation it belongs to. */
  affiliation?: string;
}

export const KNOWN_ENTITIES: readonly KnownEntity[] = [
  // Countries and regions
  { name: 'Russia', kind: 'place', aliases: ['Russian Federation'], demonyms: ['Russian', 'Russians'] },
  { name: 'Ukraine', kind: 'place', aliases: ['Україна', 'Украина'], demonyms: ['Ukrainian', 'Ukrainians'] },
  { name: 'United States', kind: 'place', aliases: ['U.S.', 'US', 'U.S.A.', 'USA', 'America'], demonyms: ['American', 'Americans'] },
  { name: 'Belarus', kind: 'place', demonyms: ['Belarusian', 'Belarusians'] },
  { name: 'Poland', kind: 'place', demonyms: ['Polish'] },
  { name: 'Germany', kind: 'place', demonyms: ['German', 'Germans'] },
  { name: 'France', kind: 'place', demonyms: ['French'] },
  { name: 'United Kingdom', kind: 'place', aliases: ['Britain', 'U.K.', 'UK'], demonyms: ['British'] },
  { name: 'China', kind: 'place', demonyms: ['Chinese'] },
  { name: 'Moldova', kind: 'place', demonyms: ['Moldovan'] },
  { name: 'Georgia', kind: 'place', demonyms: ['Georgian'] },
  { name: 'Soviet Union', kind: 'place', aliases: ['U.S.S.R.', 'USSR'], demonyms: ['Soviet'] },
  { name: 'Europe', kind: 'place', demonyms: ['European', 'Europeans'] },
  { name: 'Eastern Europe', kind: 'place' },
  { name: 'Central Asia', kind: 'place' },
  { name: 'Crimea', kind: 'place', aliases: ['Crimean Peninsula'], demonyms: ['Crimean'], affiliation: 'Ukraine' },
  { name: 'Donbas', kind: 'place', aliases: ['Donbass'], affiliation: 'Ukraine' },
  { name: 'Donetsk', kind: 'place', affiliation: 'Ukraine' },
  { name: 'Luhansk', kind: 'place', aliases: ['Lugansk'], affiliation: 'Ukraine' },
  { name: 'Kharkiv', kind: 'place', aliases: ['Kharkov'], affiliation: 'Ukraine' },
  { name: 'Mariupol', kind: 'place', affiliation: 'Ukraine' },
  // Cities
  { name: 'Kyiv', kind: 'place', aliases: ['Kiev', 'Київ', 'Киев'], affiliation: 'Ukraine' },
  { name: 'Moscow', kind: 'place', affiliation: 'Russia' },
  { name: 'Washington', kind: 'place', affiliation: 'United States' },
  { name: 'Minsk', kind: 'place', affiliation: 'Belarus' },
  { name: 'Geneva', kind: 'place' },
  { name: 'Brussels', kind: 'place' },
  { name: 'Vienna', kind: 'place' },
  { name: 'Warsaw', kind: 'place', affiliation: 'Poland' },
  { name: 'Berlin', kind: 'place', affiliation: 'Germany' },
  { name: 'Paris', kind: 'place', affiliation: 'France' },
  { name: 'London', kind: 'place', affiliation: 'United Kingdom' },
  // Organisations
  { name: 'North Atlantic Treaty Organization', kind: 'organization', aliases: ['NATO', 'OTAN', 'НАТО'] },
  { name: 'Organization for Security and Cooperation in Europe', kind: 'organization', aliases: ['OSCE', 'Organization for Security and Co-operation in Europe', 'ОБСЕ'] },
  { name: 'United Nations', kind: 'organization', aliases: ['U.N.', 'UN'] },
  { name: 'United Nations Security Council', kind: 'organization', aliases: ['U.N. Security Council', 'UN Security Council', 'Security Council'], affiliation: 'United Nations' },
  { name: 'European Union', kind: 'organization', aliases: ['E.U.', 'EU'] },
  { name: 'Kremlin', kind: 'organization', affiliation: 'Russia' },
  { name: 'White House', kind: 'organization', affiliation: 'United States' },
  { name: 'Pentagon', kind: 'organization', affiliation: 'United States' },
  { name: 'State Department', kind: 'organization', aliases: ['U.S. State Department'], affiliation: 'United States' },
  { name: 'Joint Chiefs of Staff', kind: 'organization', affiliation: 'United States' },
  { name: 'Congress', kind: 'organization', aliases: ['Capitol Hill'], affiliation: 'United States' },
  { name: 'RAND Corporation', kind: 'organization', aliases: ['RAND'] },
  { name: 'Council on Foreign Relations', kind: 'organization' },
  { name: 'Tass', kind: 'organization', aliases: ['TASS', 'Tass news agency'], affiliation: 'Russia' },
  { name: 'Reuters', kind: 'organization' },
  { name: 'Associated Press', kind: 'organization' },
  // Leaders the news names by surname and title only
  { name: 'Joe Biden', kind: 'person', aliases: ['Biden', 'Joseph R. Biden Jr.', 'Joseph R. Biden'], affiliation: 'United States' },
  { name: 'Vladimir V. Putin', kind: 'person', aliases: ['Putin', 'Vladimir Putin'], affiliation: 'Russia' },
  { name: 'Volodymyr Zelensky', kind: 'person', aliases: ['Zelensky', 'Zelenskyy', 'Volodymyr Zelenskyy'], affiliation: 'Ukraine' },
  { name: 'Alexander G. Lukashenko', kind: 'person', aliases: ['Lukashenko', 'Aleksandr G. Lukashenko', 'Alexander Lukashenko'], affiliation: 'Belarus' },
];
