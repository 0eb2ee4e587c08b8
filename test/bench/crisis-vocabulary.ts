// Word lists the benchmark feed and rules are composed from: crisis news (actors, places, events)
// mixed with the noise every real wire carries (sport, weather, markets, culture), so keyword
// rules match some items and not others, as in production.

export const ACTORS = [
  'Russian forces', 'Ukrainian troops', 'NATO allies', 'the Kremlin', 'the Pentagon', 'EU foreign ministers', 'the UN Security Council',
  'Belarusian units', 'separatist leaders', 'the defence ministry', 'border guards', 'Red Cross teams', 'the IAEA', 'Polish officials',
  'the White House', 'Turkish mediators', 'energy regulators', 'the central bank', 'aid agencies', 'local authorities',
];

export const CRISIS_VERBS = [
  'mass near', 'shell', 'withdraw from', 'reinforce', 'evacuate', 'sanction', 'warn over', 'deploy to', 'strike', 'blockade',
  'negotiate over', 'mobilise near', 'cut gas to', 'accuse', 'condemn attacks on', 'send aid to', 'close airspace over', 'retake',
];

export const PLACES = [
  'Kyiv', 'Kharkiv', 'Donetsk', 'Luhansk', 'Mariupol', 'Odesa', 'Crimea', 'Belgorod', 'Minsk', 'Lviv', 'Zaporizhzhia', 'Kherson',
  'the Black Sea', 'the Donbas', 'Transnistria', 'Chernihiv', 'Sumy', 'Dnipro', 'Bakhmut', 'Geneva', 'Brussels', 'Warsaw', 'Moscow',
];

/** Other spellings a rule lists as aliases, as an admin would for transliterations. */
export const PLACE_ALIASES: Record<string, string[]> = {
  Kyiv: ['Kiev', 'Київ', 'Киев'],
  Kharkiv: ['Kharkov', 'Харків'],
  Odesa: ['Odessa', 'Одеса'],
  Luhansk: ['Lugansk'],
  Zaporizhzhia: ['Zaporozhye'],
  Chernihiv: ['Chernigov'],
  Dnipro: ['Dnepr', 'Dnipropetrovsk'],
  Mariupol: ['Маріуполь'],
};

export const CRISIS_NOUNS = [
  'troops', 'tanks', 'artillery', 'missiles', 'drones', 'ceasefire', 'sanctions', 'refugees', 'evacuation', 'mobilisation',
  'air defence', 'casualties', 'invasion', 'offensive', 'blockade', 'pipeline', 'grain corridor', 'power grid', 'nuclear plant',
  'humanitarian corridor', 'prisoner exchange', 'martial law', 'cyberattack', 'security guarantees', 'peace talks', 'curfew',
];

export const NOISE_HEADLINES = [
  'Local bakery wins regional pastry award', 'Storm brings heavy rain to the coast this weekend', 'Stocks edge higher as tech rallies',
  'Football: late goal seals derby win', 'New exhibition opens at the city museum', 'Chicken Kiev tops list of comfort dishes',
  'Tennis star withdraws with wrist injury', 'Film festival announces jury', 'Ferry timetable changes for the summer',
  'Researchers map ancient river delta', 'Council approves new cycle lanes', 'Chess championship goes to tiebreaks',
  'Heatwave warning issued for the south', 'Smartphone maker unveils foldable model', 'Marathon closes roads on Sunday',
  'Orchestra celebrates centenary season', 'Housing prices cool for third month', 'Zoo welcomes twin panda cubs',
];

export const NOISE_SENTENCES = [
  'Organisers expect record attendance despite the forecast.', 'Analysts said the move had been widely anticipated.',
  'Tickets go on sale next week.', 'The council will review the plan in the autumn.', 'Shares closed up 1.2 per cent.',
  'Residents were advised to check timetables before travelling.', 'The museum is open daily except Mondays.',
  'Critics praised the performance as bold and inventive.', 'The team travels away next Saturday.',
];

export const CRISIS_SENTENCES = [
  'Officials said about {number} people had been evacuated from {place}.', 'Satellite images show {noun} moving towards {place}.',
  '{actor} said the situation around {place} remained tense.', 'At least {number} civilians were killed, according to local officials.',
  'Air raid sirens sounded across {place} overnight.', '{actor} called for an immediate ceasefire and the return of {noun}.',
  'The talks in {place} ended without agreement on {noun}.', 'New sanctions target banks and exporters linked to the {noun}.',
  'Power was cut to parts of {place} after a missile strike.', '{actor} denied any plans to {verb} {place}.',
];
