// What sitroom knows of the world before any crisis is configured: countries with the adjectives
// for their people, capitals, international organisations and news agencies, and the units figures
// are commonly given in. A crisis adds its own names and units in `knowledge` (config/sitroom.yaml);
// nothing here is about one crisis.
import type { KnownName } from '../knowledge/gazetteer.js';
import { createReadingVocabulary, type ReadingVocabulary } from '../knowledge/reading-vocabulary.js';
import type { KnowledgeConfig } from './knowledge-schema.js';

interface Country {
  name: string;
  aliases?: string[];
  demonyms: string[];
  capital?: string;
  capitalAliases?: string[];
}

const COUNTRIES: Country[] = [
  { name: 'United States', aliases: ['U.S.', 'US', 'U.S.A.', 'USA', 'America'], demonyms: ['American', 'Americans'], capital: 'Washington' },
  { name: 'United Kingdom', aliases: ['Britain', 'Great Britain', 'U.K.', 'UK'], demonyms: ['British', 'Briton', 'Britons'], capital: 'London' },
  { name: 'Russia', aliases: ['Russian Federation'], demonyms: ['Russian', 'Russians'], capital: 'Moscow' },
  { name: 'Ukraine', aliases: ['Україна', 'Украина'], demonyms: ['Ukrainian', 'Ukrainians'], capital: 'Kyiv', capitalAliases: ['Kiev', 'Київ', 'Киев'] },
  { name: 'Belarus', demonyms: ['Belarusian', 'Belarusians'], capital: 'Minsk' },
  { name: 'Poland', aliases: ['Polska'], demonyms: ['Polish', 'Poles'], capital: 'Warsaw', capitalAliases: ['Warszawa'] },
  { name: 'Germany', demonyms: ['German', 'Germans'], capital: 'Berlin' },
  { name: 'France', demonyms: ['French'], capital: 'Paris' },
  { name: 'Italy', demonyms: ['Italian', 'Italians'], capital: 'Rome' },
  { name: 'Spain', demonyms: ['Spanish'], capital: 'Madrid' },
  { name: 'Netherlands', demonyms: ['Dutch'], capital: 'Amsterdam' },
  { name: 'Belgium', demonyms: ['Belgian'], capital: 'Brussels' },
  { name: 'Switzerland', demonyms: ['Swiss'], capital: 'Bern' },
  { name: 'Austria', demonyms: ['Austrian'], capital: 'Vienna' },
  { name: 'Sweden', demonyms: ['Swedish'], capital: 'Stockholm' },
  { name: 'Finland', demonyms: ['Finnish'], capital: 'Helsinki' },
  { name: 'Norway', demonyms: ['Norwegian'], capital: 'Oslo' },
  { name: 'Denmark', demonyms: ['Danish'], capital: 'Copenhagen' },
  { name: 'Estonia', demonyms: ['Estonian'], capital: 'Tallinn' },
  { name: 'Latvia', demonyms: ['Latvian'], capital: 'Riga' },
  { name: 'Lithuania', demonyms: ['Lithuanian'], capital: 'Vilnius' },
  { name: 'Romania', demonyms: ['Romanian'], capital: 'Bucharest' },
  { name: 'Moldova', demonyms: ['Moldovan'], capital: 'Chisinau' },
  { name: 'Hungary', demonyms: ['Hungarian'], capital: 'Budapest' },
  { name: 'Czech Republic', aliases: ['Czechia'], demonyms: ['Czech'], capital: 'Prague' },
  { name: 'Slovakia', demonyms: ['Slovak'], capital: 'Bratislava' },
  { name: 'Bulgaria', demonyms: ['Bulgarian'], capital: 'Sofia' },
  { name: 'Greece', demonyms: ['Greek'], capital: 'Athens' },
  { name: 'Turkey', aliases: ['Türkiye'], demonyms: ['Turkish'], capital: 'Ankara' },
  { name: 'Georgia', demonyms: ['Georgian'], capital: 'Tbilisi' },
  { name: 'Armenia', demonyms: ['Armenian'], capital: 'Yerevan' },
  { name: 'Azerbaijan', demonyms: ['Azerbaijani'], capital: 'Baku' },
  { name: 'Kazakhstan', demonyms: ['Kazakh'], capital: 'Nur-Sultan', capitalAliases: ['Astana'] },
  { name: 'China', aliases: ["People's Republic of China"], demonyms: ['Chinese'], capital: 'Beijing' },
  { name: 'Japan', demonyms: ['Japanese'], capital: 'Tokyo' },
  { name: 'North Korea', demonyms: ['North Korean'], capital: 'Pyongyang' },
  { name: 'South Korea', demonyms: ['South Korean'], capital: 'Seoul' },
  { name: 'India', demonyms: ['Indian'], capital: 'New Delhi' },
  { name: 'Pakistan', demonyms: ['Pakistani'], capital: 'Islamabad' },
  { name: 'Afghanistan', demonyms: ['Afghan'], capital: 'Kabul' },
  { name: 'Iran', demonyms: ['Iranian'], capital: 'Tehran' },
  { name: 'Iraq', demonyms: ['Iraqi'], capital: 'Baghdad' },
  { name: 'Syria', demonyms: ['Syrian'], capital: 'Damascus' },
  { name: 'Israel', demonyms: ['Israeli'], capital: 'Jerusalem' },
  { name: 'Saudi Arabia', demonyms: ['Saudi'], capital: 'Riyadh' },
  { name: 'Egypt', demonyms: ['Egyptian'], capital: 'Cairo' },
  { name: 'Canada', demonyms: ['Canadian'], capital: 'Ottawa' },
  { name: 'Mexico', demonyms: ['Mexican'], capital: 'Mexico City' },
  { name: 'Brazil', demonyms: ['Brazilian'], capital: 'Brasília' },
  { name: 'Australia', demonyms: ['Australian'], capital: 'Canberra' },
  { name: 'Serbia', demonyms: ['Serbian'], capital: 'Belgrade' },
  { name: 'Soviet Union', aliases: ['U.S.S.R.', 'USSR'], demonyms: ['Soviet'] },
];

const REGIONS: KnownName[] = [
  { name: 'Europe', kind: 'place', demonyms: ['European', 'Europeans'] },
  { name: 'Eastern Europe', kind: 'place' },
  { name: 'Central Asia', kind: 'place' },
  { name: 'Middle East', kind: 'place' },
  { name: 'Geneva', kind: 'place', affiliation: 'Switzerland' },
];

const ORGANIZATIONS: KnownName[] = [
  { name: 'United Nations', kind: 'organization', aliases: ['U.N.', 'UN'] },
  { name: 'United Nations Security Council', kind: 'organization', aliases: ['U.N. Security Council', 'UN Security Council', 'Security Council'], affiliation: 'United Nations' },
  { name: 'North Atlantic Treaty Organization', kind: 'organization', aliases: ['NATO', 'Nato', 'OTAN', 'НАТО'] },
  { name: 'European Union', kind: 'organization', aliases: ['E.U.', 'EU', 'Unia Europejska'] },
  { name: 'European Commission', kind: 'organization', affiliation: 'European Union' },
  { name: 'Organization for Security and Cooperation in Europe', kind: 'organization', aliases: ['OSCE', 'Organization for Security and Co-operation in Europe', 'ОБСЕ'] },
  { name: 'World Health Organization', kind: 'organization' },
  { name: 'International Monetary Fund', kind: 'organization', aliases: ['IMF'] },
  { name: 'World Bank', kind: 'organization' },
  { name: 'G7', kind: 'organization', aliases: ['Group of Seven'] },
  { name: 'Reuters', kind: 'organization' },
  { name: 'Associated Press', kind: 'organization' },
  { name: 'Agence France-Presse', kind: 'organization', aliases: ['AFP'] },
];

function countryNames(country: Country): KnownName[] {
  const entries: KnownName[] = [{ name: country.name, kind: 'place', demonyms: country.demonyms, ...(country.aliases ? { aliases: country.aliases } : {}) }];
  if (country.capital) entries.push({ name: country.capital, kind: 'place', affiliation: country.name, ...(country.capitalAliases ? { aliases: country.capitalAliases } : {}) });
  return entries;
}

export const WORLD_NAMES: readonly KnownName[] = [...COUNTRIES.flatMap(countryNames), ...REGIONS, ...ORGANIZATIONS];

/**
 * Words figures are given in, and the unit each counts in: a figure is read only before one of
 * these. "USD", "EUR", "GBP" are money and "minutes" a length of time, compared as such.
 */
export const GENERAL_UNITS: Readonly<Record<string, string>> = {
  people: 'people', civilians: 'civilians', refugees: 'refugees', prisoners: 'prisoners', casualties: 'casualties',
  dead: 'dead', killed: 'dead', wounded: 'wounded', injured: 'wounded',
  dollars: 'USD', euros: 'EUR', pounds: 'GBP', minutes: 'minutes', minute: 'minutes', hours: 'hours', hour: 'hours',
  kilometers: 'km', kilometres: 'km', km: 'km', miles: 'miles',
};

/** The vocabulary a configuration reads with: the world's names and units, then the team's own. */
export function readingVocabularyOf(knowledge: KnowledgeConfig): ReadingVocabulary {
  return createReadingVocabulary({ names: [...WORLD_NAMES, ...knowledge.names], units: { ...GENERAL_UNITS, ...knowledge.units } });
}
