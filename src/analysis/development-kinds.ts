// The kinds of development an item reports (talks held, a leaders' call, an evacuation, a
// cyberattack, ...). Novelty is decided by whether that kind is already known, not by who acts.
// Terms name things that happened, not threats: the baseline's "if Russia invades" must not make
// an invasion known before it begins.
import type { KeywordRule } from '../config/schema.js';
import { KeywordMatcher } from './keyword-matcher.js';

const KINDS: Record<string, string[]> = {
  'leaders-call': ['phone call', 'phoned', 'phones', 'spoke by phone', 'in a call', 'call lasted', 'speak for', 'spoke for', 'talked for'],
  talks: ['talks', 'negotiat*', 'met for', 'meeting', 'session', 'summit', 'delegations', 'written reply', 'written response', 'written answers'],
  'troop-buildup': ['troops', 'buildup', 'build-up', 'massed', 'soldiers'],
  sanctions: ['sanction*', 'swift', 'bans imports', 'ban on imports', 'export controls', 'asset freeze'],
  drills: ['drills', 'exercises', 'war games'],
  'allied-deployment': ['more troops to', 'troops to poland', 'troops to romania', 'reinforce*', 'fighter jets', 'frigate', 'eastern flank', 'on alert', 'high alert', 'heightened alert'],
  cyberattack: ['cyberattack*', 'cyber attack*', 'hackers', 'hacked', 'defaced', 'deface'],
  pretext: ['false flag', 'false-flag', 'pretext', 'staged', 'fake video', 'saboteurs', 'operatives'],
  evacuation: ['evacuat*', 'leave ukraine', 'leave the country', 'to depart', 'ordered to leave', 'embassy staff', 'relocat*'],
  recognition: ['recognis*', 'recogniz*', 'independent states'],
  invasion: ['special military operation', 'full-scale invasion', 'launched an invasion', 'crossed the border', 'invasion began', 'invasion has begun'],
  'martial-law': ['martial law', 'state of emergency', 'mobilisation', 'mobilization'],
  strikes: ['shelling', 'shelled', 'shell struck', 'airstrike*', 'air strike*', 'missile strike*', 'missile hit', 'bombard*'],
  casualties: ['killed', 'killing', 'dead', 'wounded', 'casualties'],
  'site-seized': ['seized', 'seize', 'captured', 'took control'],
  'city-fallen': ['falls to', 'fell to', 'fallen to', 'city fell'],
  'nuclear-site': ['nuclear plant', 'nuclear power', 'nuclear site', 'chernobyl'],
  'nuclear-alert': ['nuclear deterrence', 'nuclear deterrent', 'deterrence forces', 'deterrent forces', 'nuclear forces', 'nuclear alert'],
  energy: ['pipeline', 'gas supplies', 'gas supply', 'nord stream'],
  'united-nations': ['security council', 'general assembly'],
  'political-plot': ['install', 'coup', 'puppet', 'pro-russian leader', 'pro-moscow'],
  blockade: ['blockade', 'blockaded'],
};

const matcher = new KeywordMatcher(Object.entries(KINDS).map(([name, terms]): KeywordRule => ({ name, terms, aliases: {}, exclude: [], regex: [] })));

/** The kinds of development a text reports, by name. */
export function developmentKinds(text: string): string[] {
  return matcher.match(text).map((match) => match.rule);
}
