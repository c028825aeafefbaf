import { describe, expect, it } from 'vitest';
import { foldName, institutionKey } from '../../src/outreach/outreach.ts';
import { readOutreachCsv } from '../../src/outreach/outreach-csv.ts';

const ok = (text: string) => {
  const r = readOutreachCsv(text);
  if (!r.ok) throw new Error(`refused: ${r.problem} ${JSON.stringify(r.rows)}`);
  return r.activities;
};

describe('folding names for the distinct counts', () => {
  it('one school whatever the script, case, diacritics or punctuation', () => {
    const forms = ['OŠ "Vuk Karadžić"', 'os vuk karadzic', 'ОШ „Вук Караџић“', 'O.Š. Vuk  Karadžić'];
    expect(new Set(forms.map(foldName))).toEqual(new Set(['os vuk karadzic']));
    expect(foldName('Đurđevdan Ljubljana Njegoš Džep')).toBe('djurdjevdan ljubljana njegos dzep');
    expect(foldName('Ђурђевдан Љубљана Његош Џеп')).toBe('djurdjevdan ljubljana njegos dzep');
    expect(institutionKey('OŠ Vuk Karadžić', 'Čačak')).toBe(institutionKey('ОШ Вук Караџић', 'Чачак'));
    expect(institutionKey('OŠ Vuk Karadžić', 'Čačak')).not.toBe(institutionKey('OŠ Vuk Karadžić', 'Loznica'));
  });
});

describe('reading the education team’s spreadsheet', () => {
  it('takes Serbian headers in either script, semicolons, Serbian dates and thousands', () => {
    const [a, b] = ok(
      [
        '\uFEFFVrsta aktivnosti;Datum;Naziv škole;Opština;Učenici;Roditelji;Edukatori;Teme',
        'Predavanje;5.10.2025.;OŠ Sveti Sava;Niš;1.234;0;Ana; Marko|Ivana;grooming',
        'Roditeljski sastanak;05/10/2025;"Gimnazija ""Bora Stanković""";Niš; ;40;;',
      ].join('\r\n'),
    );
    expect(a).toMatchObject({
      kind: 'school_presentation',
      date: '2025-10-05',
      institution: { name: 'OŠ Sveti Sava', kind: 'primary_school', municipality: 'Niš' },
      audience: { students: 1234, parents: 0 },
      // A cell that held a semicolon in a semicolon file is split by the CSV; the rest by | , ;
      educators: ['Ana'],
      topics: ['Marko', 'Ivana'],
    });
    expect(b).toMatchObject({
      kind: 'parents_meeting',
      institution: { name: 'Gimnazija "Bora Stanković"', kind: 'secondary_school' },
      audience: { students: 0, parents: 40 },
    });
    const [c] = ok(
      'ВРСТА\tДАТУМ\tУстанова\tВрста установе\tЗдравствени радници\nобука у дому здравља\t2025-11-11\tДом здравља Ниш\tdom zdravlja\t9',
    );
    expect(c).toMatchObject({
      kind: 'health_centre_training',
      institution: { name: 'Дом здравља Ниш', kind: 'health_centre', municipality: null },
      audience: { healthWorkers: 9 },
    });
  });

  it('takes English headers and codes, and an activity of no institution', () => {
    expect(
      ok('Kind,Date,Parents,Notes\nwebinar,2025-04-01,300,"online, recorded"\nmedia,2025-04-02,,TV'),
    ).toMatchObject([
      { kind: 'webinar', institution: null, audience: { parents: 300 }, notes: 'online, recorded' },
      { kind: 'media_appearance', institution: null, notes: 'TV' },
    ]);
  });

  it('names every bad row by line and field, and keeps none', () => {
    const r = readOutreachCsv(
      [
        'kind,date,institution,institution kind,municipality,students',
        'webinar,2025-01-01,,,,0',
        'school_presentation,2025-13-01,OŠ X,primary_school,Niš,5',
        'picnic,2025-01-02,OŠ Y,hospital,Niš,-3',
        'webinar,2025-01-03,,,Niš,1',
      ].join('\n'),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rows.map((e) => [e.row, e.field])).toEqual([
      [3, 'date'],
      [4, 'kind'],
      [4, 'institution.kind'],
      [4, 'audience.students'],
      [5, 'institution.name'],
    ]);
    expect(r.problem).toContain('3 rows');
  });

  it('refuses a file it cannot read as a whole: unknown or missing columns, no rows, broken quotes', () => {
    const problem = (text: string) => {
      const r = readOutreachCsv(text);
      return r.ok ? null : r.problem;
    };
    expect(problem('kind,date,colour\nwebinar,2025-01-01,red')).toContain('"colour"');
    expect(problem('date,students\n2025-01-01,1')).toContain('missing columns: kind');
    expect(problem('kind,date\n')).toContain('no activities');
    expect(problem('')).toContain('empty');
    expect(problem('kind,date\nwebinar,"2025-01-01\n')).toContain('not valid CSV');
  });
});
