import { coChairRefusal } from './co-chair.rule';

describe('the co-chair rule', () => {
  it('accepts a federal and a provincial co-chair for a working group, in either order', () => {
    expect(coChairRefusal('working_group', 'federal', [])).toBeNull();
    expect(coChairRefusal('working_group', 'provincial', ['federal'])).toBeNull();
    expect(coChairRefusal('working_group', 'federal', ['territorial'])).toBeNull();
  });

  it('refuses a third co-chair on any body', () => {
    expect(coChairRefusal('table', 'municipal', ['federal', 'provincial'])).toMatch(/two co-chairs/);
  });

  it('refuses two co-chairs from the same side of a working group or subgroup', () => {
    expect(coChairRefusal('working_group', 'territorial', ['provincial'])).toMatch(/provincial or territorial/);
    expect(coChairRefusal('subgroup', 'federal', ['federal'])).toMatch(/federal co-chair/);
  });

  it('refuses a municipality or association as working-group co-chair but not on a table', () => {
    expect(coChairRefusal('working_group', 'municipal', [])).toMatch(/federal government and a province/);
    expect(coChairRefusal('table', 'association', ['federal'])).toBeNull();
  });
});
