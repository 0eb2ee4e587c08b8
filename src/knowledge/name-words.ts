// Word lists the name rules rely on. Extend them here when a new kind of source uses titles,
// ranks or organisation words these do not know.

/** Courtesy titles: they mark a person but say nothing about the role. */
export const HONORIFICS = new Set(['Mr.', 'Mrs.', 'Ms.', 'Miss', 'Dr.', 'Sir', 'Dame']);

/** Military and police ranks: they mark a person; the role comes from the text around the name. */
export const RANKS = new Set([
  'Gen.', 'General', 'Lt.', 'Col.', 'Colonel', 'Maj.', 'Major', 'Adm.', 'Admiral', 'Capt.', 'Captain',
  'Sgt.', 'Sergeant', 'Cmdr.', 'Brig.', 'Marshal', 'Field',
]);

/** Words of a title written before a name: "President", "Foreign Minister", "Secretary General". */
export const TITLE_WORDS = new Set([
  'President', 'Vice', 'Prime', 'Minister', 'Foreign', 'Defense', 'Defence', 'Interior', 'Secretary',
  'General', 'Chancellor', 'Ambassador', 'Senator', 'Sen.', 'Representative', 'Rep.', 'Gov.',
  'Governor', 'Mayor', 'Chief', 'Deputy', 'Spokesman', 'Spokeswoman', 'Premier', 'Pope', 'King',
  'Queen', 'Prince', 'Commander', 'Speaker', 'Envoy', 'Director', 'Press', 'Chairman', 'Chairwoman',
  'Journalist', 'Host', 'Anchor', 'Correspondent', 'Reporter', 'Editor', 'Analyst', 'Professor', 'Prof.',
  'Judge', 'Justice', 'Coach', 'MP', 'Lord', 'Archbishop', 'Patriarch', 'Adviser', 'Advisor', 'Negotiator',
  'CEO', 'Chief Executive', 'Spokesperson', 'Attorney', 'Lawmaker', 'Former', 'Chef', 'Actor', 'Actress', 'Singer',
]);

/** Words that make a run of capitalised words an organisation rather than a person. */
export const ORGANIZATION_WORDS = new Set([
  'Organization', 'Organisation', 'Council', 'Corporation', 'Corp.', 'Inc.', 'Agency', 'Ministry',
  'Committee', 'Union', 'Party', 'Institute', 'University', 'Fund', 'Bank', 'Command', 'Forces',
  'Army', 'Navy', 'Guard', 'Parliament', 'Assembly', 'Court', 'Commission', 'Office', 'Department',
  'Service', 'News', 'Group', 'Center', 'Centre', 'Foundation', 'Association', 'Company', 'Times',
  'Post', 'Journal', 'Network', 'Federation', 'Alliance', 'Administration', 'Staff', 'Board',
  'Services', 'Affairs', 'Nations', 'Relations', 'Industries', 'Studies', 'Sciences', 'Resources', 'Rights',
  'Reserve', 'Senate', 'House', 'Ministry', 'Parliament', 'Airlines', 'Airways', 'Club', 'United', 'City',
]);

/** Words that make a run of capitalised words an event, a competition, a place or a law: no one. */
export const THING_WORDS = new Set([
  'Cup', 'Olympics', 'Olympic', 'Games', 'Paralympics', 'League', 'Tour', 'Open', 'Classic', 'Championship',
  'Championships', 'Grand', 'Prix', 'Island', 'Islands', 'Okrug', 'Oblast', 'Region', 'Province', 'Zone',
  'Street', 'Square', 'Avenue', 'Road', 'Plan', 'Act', 'Bill', 'Stream', 'Pipeline', 'Airport', 'Station',
  'Bridge', 'River', 'Sea', 'Ocean', 'Mountains', 'Valley', 'Day', 'Prize', 'Awards', 'Festival', 'Show',
  'Series', 'Park', 'St', 'St.', 'Saint', 'Fort', 'Mount', 'Lake', 'Port', 'Moonshot', 'Valentine',
  'Christmas', 'Easter', 'Eurovision', 'Oscars', 'Grammys', 'Brexit', 'Covid', 'Omicron', 'Bowl',
]);

/** Capitalised words that start no name: calendar words and headline words. */
export const NOT_NAME_WORDS = new Set([
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February',
  'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
  'Jan.', 'Feb.', 'Mar.', 'Apr.', 'Aug.', 'Sept.', 'Sep.', 'Oct.', 'Nov.', 'Dec.', 'War', 'Cold',
  'West', 'East', 'North', 'South', 'Hill', 'Image', 'Credit', 'Card', 'Source', 'The', 'A', 'An',
  'I', 'We', 'It', 'He', 'She', 'They', 'But', 'And', 'So', 'Yet', 'Still', 'While', 'In', 'On',
]);

/** Verbs that attribute speech or a claim to their subject; words that are also nouns ("demands") are left out. */
export const SPEECH_VERBS = [
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'warned', 'warns', 'stressed', 'insisted',
  'declared', 'announced', 'announces', 'demanded', 'claimed', 'argued', 'noted',
  'observed', 'wrote', 'writes', 'urged', 'urges', 'asserted', 'acknowledged', 'conceded', 'repeated his claims',
  'repeated her claims', 'made clear', 'has made it known', 'made it known', 'put it', 'aired concerns',
  'reiterated', 'confirmed', 'denied', 'denies', 'accused', 'accuses', 'suggested', 'vowed', 'pledged',
];
