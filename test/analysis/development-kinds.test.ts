import { describe, expect, it } from 'vitest';
import { developmentKindsFrom } from '../../src/analysis/development-kinds.js';
import { loadConfigFile } from '../../src/config/load-config.js';

const config = loadConfigFile('config/sitroom.yaml');
const developmentKinds = developmentKindsFrom(config.assessment.developmentKinds, config.keywords);

describe('kinds of development, as the bundled config sets them', () => {
  it('names what happened: an evacuation and a cyberattack', () => {
    expect(developmentKinds('Hackers deface ministry websites as the U.S. orders embassy staff to leave Kyiv')).toEqual(expect.arrayContaining(['cyberattack', 'evacuation']));
  });

  it('does not read a threat as the event: "if Russia invades" is not an invasion', () => {
    expect(developmentKinds('Biden warned that the U.S. would respond decisively if Russia invades Ukraine')).not.toContain('invasion');
    expect(developmentKinds('Putin announced a special military operation and troops crossed the border')).toContain('invasion');
  });

  it('does not read talks at a dead end as casualties', () => {
    expect(developmentKinds('Talks between Russia and Nato at a dead end, says Lavrov')).not.toContain('casualties');
    expect(developmentKinds('Three soldiers dead after shelling in eastern Ukraine')).toContain('casualties');
  });
});

describe('kinds of development, from config alone', () => {
  it('knows no kind when none is configured', () => {
    expect(developmentKindsFrom([], [])('Putin announced a special military operation')).toEqual([]);
  });
});
