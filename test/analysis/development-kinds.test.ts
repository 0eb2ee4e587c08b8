import { describe, expect, it } from 'vitest';
import { developmentKinds } from '../../src/analysis/development-kinds.js';

describe('kinds of development', () => {
  it('names what happened: an evacuation and a cyberattack', () => {
    expect(developmentKinds('Hackers deface ministry websites as the U.S. orders embassy staff to leave Kyiv')).toEqual(expect.arrayContaining(['cyberattack', 'evacuation']));
  });

  it('does not read a threat as the event: "if Russia invades" is not an invasion', () => {
    expect(developmentKinds('Biden warned that the U.S. would respond decisively if Russia invades Ukraine')).not.toContain('invasion');
    expect(developmentKinds('Putin announced a special military operation and troops crossed the border')).toContain('invasion');
  });
});
