/**
 * The words of the search benchmark's generated cases: Serbian sentences a child, a parent, a
 * counselor would write, with slots for names, towns, schools and networks, drawn by a seeded
 * generator (the same corpus every run). Cyrillic copies come from the server's own
 * transliteration; a case is written in one script or the other.
 */
import { latinToCyrillic } from '../src/i18n/translit.ts';

export const FIRST_NAMES = (
  'Marko Nikola Stefan Luka Lazar Filip Aleksa Đorđe Vuk Petar Mihajlo Nemanja Ognjen Dušan Strahinja Jovan ' +
  'Milan Uroš Vasilije Andrej Pavle Bogdan Matija Dimitrije Vukašin Ilija Relja Teodor Veljko Danilo ' +
  'Milica Ana Jovana Teodora Sara Anđela Marija Katarina Jelena Sofija Dunja Nina Tamara Ivana Mina Tijana ' +
  'Hana Lena Nađa Iva Maša Lana Isidora Nevena Kristina Željka Ljiljana Snežana Dragana Gordana Biljana Vesna'
).split(' ');
export const LAST_NAMES = (
  'Jovanović Petrović Nikolić Marković Đorđević Stojanović Ilić Stanković Pavlović Milošević Popović ' +
  'Đokić Živković Todorović Kostić Ristić Mitrović Savić Lukić Simić Tomić Obradović Kovačević Lazić ' +
  'Radovanović Filipović Mladenović Janković Vasić Stevanović Radosavljević Milenković Krstić Gajić ' +
  'Branković Babić Ćirić Šarić Knežević Vuković Bošković Nedeljković Perić Zorić Jeremić Čolić Cvetković'
).split(' ');
const TOWNS = (
  'Beograd Novi_Sad Niš Kragujevac Subotica Zrenjanin Pančevo Čačak Kraljevo Smederevo Leskovac Valjevo ' +
  'Kruševac Vranje Šabac Užice Sombor Požarevac Pirot Zaječar Kikinda Sremska_Mitrovica Jagodina Vršac ' +
  'Bor Prokuplje Loznica Inđija Ćuprija Paraćin Aranđelovac Obrenovac Lazarevac Zemun Čukarica'
)
  .split(' ')
  .map((t) => t.replace(/_/g, ' '));
const SCHOOLS = [
  'OŠ „Vuk Karadžić”',
  'OŠ „Desanka Maksimović”',
  'OŠ „Branko Radičević”',
  'OŠ „Sveti Sava”',
  'OŠ „Jovan Jovanović Zmaj”',
  'OŠ „Đura Jakšić”',
  'OŠ „Njegoš”',
  'Prva gimnazija',
  'Treća beogradska gimnazija',
  'Gimnazija „Svetozar Marković”',
  'Tehnička škola',
  'Ekonomska škola',
  'Medicinska škola',
  'Muzička škola „Stanković”',
];
const NETWORKS = ['Instagram', 'TikTok', 'Snapchat', 'Viber', 'WhatsApp', 'Discord', 'Fejsbuk', 'Telegram'];

/** Sentences a child or a parent writes; the first are the most common. */
const INBOUND = [
  'Zdravo, treba mi pomoć.',
  'Ne znam kome drugom da se obratim.',
  'Molim vas, pomozite mi što pre.',
  'Imam {god} godina i idem u {skola} u mestu {grad}.',
  'Neko mi stalno šalje poruke na {mreza} i ne prestaje.',
  'Drugovi iz razreda me vređaju u grupi na {mreza}.',
  'Napravili su lažni profil sa mojim slikama na {mreza}.',
  'Jedan dečko mi preti da će objaviti moje slike ako mu ne pošaljem još.',
  'Ne smem da kažem roditeljima šta se desilo.',
  'Plašim se da idem u školu.',
  'Rekao je da će me ubiti ako nekome kažem.',
  'Poslao mi je poruku „ubiću te” i sada se bojim.',
  'Moja drugarica {ime} je žrtva vršnjačkog nasilja.',
  'Mislim da je moja ćerka žrtva zlostavljanja preko interneta.',
  'Sin mi provodi po deset sati dnevno igrajući igrice.',
  'Ne mogu da spavam i stalno razmišljam o tome.',
  'Neko je ukrao moju lozinku i piše u moje ime.',
  'Nepoznata osoba traži da joj pošaljem slike.',
  'Ucenjuje me i traži novac da ne bi objavio snimak.',
  'Nastavnica kaže da to nije ništa ozbiljno.',
  'U školi {skola} se to dešava već mesecima.',
  'Na {mreza} kruži snimak tuče iz našeg odeljenja.',
  'Želim da prijavim sadržaj koji prikazuje zlostavljanje deteta.',
  'Pronašla sam link ka stranici sa uznemirujućim fotografijama dece.',
  'Osećam se usamljeno i niko me ne razume.',
  'Roditelji se stalno svađaju, a ja ne znam šta da radim.',
  'Da li je normalno da dete od {god} godina ima telefon?',
  'Kako da zaštitim dete na internetu?',
  'Moj brat {ime} je dobio pretnje u komentarima.',
  'Neko je objavio moj broj telefona i sada me zovu nepoznati ljudi.',
  'Profesor fizičkog vaspitanja me ponižava pred celim razredom.',
  'Pisala sam vam i ranije, ali se situacija nije promenila.',
  'Hvala vam što ste mi odgovorili.',
  'Da li ovo mogu da prijavim policiji?',
  'Ovo se dogodilo juče uveče oko devet sati.',
  'Ne želim da se zna ko sam.',
  'Mama kaže da preterujem, ali meni je teško.',
  'Grupa starijih učenika me čeka ispred škole.',
  'Dobio sam poruku od odrasle osobe koja se predstavlja kao dete.',
  'Tražio je da se nađemo uživo u gradu {grad}.',
  'Obrisala sam aplikaciju, ali poruke i dalje stižu.',
  'Neko se lažno predstavlja kao ja i vređa druge.',
  'Zbog ovoga ne idem na trening već dve nedelje.',
  'Imam snimke ekrana svih poruka.',
  'Šta da radim ako me ponovo kontaktira?',
  'Razredni starešina je obavešten, ali ništa nije preduzeo.',
  'Dete je promenilo ponašanje i povuklo se u sebe.',
  'Na {mreza} postoji grupa u kojoj se ismevaju učenici sa posebnim potrebama.',
  'Jedna devojčica iz {grad} je nestala posle dopisivanja sa nepoznatim.',
  'Dobila sam link za nagradnu igru koji traži podatke o kartici.',
];
/** What counselors answer. */
const OUTBOUND = [
  'Hvala vam što ste nam se obratili.',
  'Ovde smo da vam pomognemo.',
  'Razumemo koliko vam je teško.',
  'Niste vi krivi za ono što se dogodilo.',
  'Sačuvajte snimke ekrana poruka kao dokaz.',
  'Nemojte slati nikakve slike ni novac.',
  'Blokirajte tu osobu i prijavite profil mreži {mreza}.',
  'Predlažemo da razgovarate sa nekom odraslom osobom od poverenja.',
  'Vaš slučaj smo prosledili nadležnoj službi.',
  'Možete nas pozvati svakog dana, bez naknade.',
  'Ako ste u neposrednoj opasnosti, pozovite policiju na 192.',
  'Školi {skola} smo poslali dopis o vršnjačkom nasilju.',
  'Posavetovali bismo i roditelje o roditeljskoj kontroli.',
  'Javite nam se ponovo ako se situacija ponovi.',
  'Prijava je prosleđena Tužilaštvu za visokotehnološki kriminal.',
  'Centar za socijalni rad u mestu {grad} je obavešten.',
  'Ostajemo na raspolaganju za sva pitanja.',
  'Da li ste bezbedni u ovom trenutku?',
];
/** A counselor's internal notes. */
const NOTES = [
  'Razgovarano sa roditeljem, dogovoren ponovni kontakt.',
  'Upućeno policiji, čeka se povratna informacija.',
  'Prijavljen profil na mreži {mreza}.',
  'Dete deluje uplašeno, pratiti slučaj.',
  'Škola {skola} potvrdila prijem dopisa.',
  'Sumnja na grooming, obavestiti supervizora.',
  'Slučaj sličan ranijoj prijavi iz mesta {grad}.',
  'Nema dovoljno podataka za dalje postupanje.',
];
const SUBJECTS = [
  'Pomoć',
  'Prijava nasilja',
  'Vršnjačko nasilje u školi',
  'Pretnje preko interneta',
  'Lažni profil',
  'Ucena',
  'Pitanje roditelja',
  'Zavisnost od igrica',
  'Uznemirujući sadržaj',
  'Hitno!!!',
];

/** mulberry32: small, seeded, the same sequence every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Zipf-like: index 0 the most common, the tail rare. */
const skewed = (rand: () => number, n: number) => Math.min(n - 1, Math.floor(n * rand() ** 2.2));
const pick = <T>(rand: () => number, list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;

function fill(rand: () => number, sentence: string): string {
  return sentence
    .replace('{ime}', pick(rand, FIRST_NAMES))
    .replace('{grad}', pick(rand, TOWNS))
    .replace('{skola}', pick(rand, SCHOOLS))
    .replace('{mreza}', pick(rand, NETWORKS))
    .replace('{god}', String(8 + Math.floor(rand() * 10)));
}

export interface Paragraph {
  lat: string;
  cyr: string;
}

/** `count` paragraphs of one kind of writer, one to four sentences each. */
export function paragraphs(kind: 'inbound' | 'outbound' | 'note', count: number, seed: number): Paragraph[] {
  const rand = seeded(seed);
  const source = kind === 'inbound' ? INBOUND : kind === 'outbound' ? OUTBOUND : NOTES;
  return Array.from({ length: count }, () => {
    const n = 1 + Math.floor(rand() * (kind === 'note' ? 2 : 4));
    const lat = Array.from({ length: n }, () => fill(rand, source[skewed(rand, source.length)] as string)).join(' ');
    return { lat, cyr: latinToCyrillic(lat) };
  });
}

export const subjects = (): Paragraph[] => SUBJECTS.map((s) => ({ lat: s, cyr: latinToCyrillic(s) }));

/** A name in both scripts; e-mail addresses are made from the Latin one. */
export const names = (list: readonly string[]): Paragraph[] => list.map((s) => ({ lat: s, cyr: latinToCyrillic(s) }));
