import type { OutcomeCode } from '../domain/outcomes.ts';
import { type Bilingual, type Lang, trilingual } from './messages.ts';

/**
 * Defaults written for children and parents: short sentences, no jargon, what happens next.
 * `{reference}` becomes the case number. Supervisors edit them in the inbox; these only seed an
 * empty table. Cyrillic is derived from the Latin text.
 */
const OUTCOMES: Record<OutcomeCode, Bilingual> = {
  referred_police: {
    sr: 'Poštovani, hvala vam što ste nam se obratili (prijava {reference}). Ono što ste prijavili prosledili smo policiji — Ministarstvu unutrašnjih poslova, koje je nadležno za ovakve slučajeve. Policija može da vas kontaktira ako joj budu potrebne dodatne informacije. Sačuvajte poruke, slike i linkove koje imate i nemojte ih brisati. Ako je dete u neposrednoj opasnosti, odmah pozovite 192. Uvek nam se možete ponovo javiti.',
    en: 'Hello, thank you for contacting us (report {reference}). We have passed what you reported to the police (Ministry of Interior), who deal with cases like this. The police may contact you if they need more information. Please keep any messages, pictures and links you have and do not delete them. If a child is in immediate danger, call 192 straight away. You can always get in touch with us again.',
  },
  referred_social_work: {
    sr: 'Poštovani, hvala vam što ste nam se obratili (prijava {reference}). Vaš slučaj smo prosledili centru za socijalni rad, čiji stručnjaci pomažu deci i porodicama. Oni mogu da vas kontaktiraju da dogovorite kako da pomognu. Ako vam je u međuvremenu potrebna podrška, slobodno nam se ponovo javite.',
    en: 'Hello, thank you for contacting us (report {reference}). We have passed your case to the social welfare centre, whose staff help children and families. They may contact you to agree how they can help. If you need support in the meantime, please get in touch with us again.',
  },
  referred_education: {
    sr: 'Poštovani, hvala vam što ste nam se obratili (prijava {reference}). Ono što ste prijavili prosledili smo Ministarstvu prosvete, koje može da uključi školu i pomogne da se problem reši. Ako se nešto novo desi, javite nam se — dodaćemo to vašoj prijavi.',
    en: 'Hello, thank you for contacting us (report {reference}). We have passed what you reported to the Ministry of Education, which can involve the school and help to solve the problem. If anything new happens, let us know and we will add it to your report.',
  },
  referred_health: {
    sr: 'Poštovani, hvala vam što ste nam se obratili (prijava {reference}). Vaš slučaj smo prosledili zdravstvenoj službi (Ministarstvu zdravlja), gde stručnjaci mogu da pruže pomoć. Razgovor sa lekarom ili psihologom može mnogo da pomogne. Ako vam je pomoć potrebna odmah, pozovite 194 (hitna pomoć).',
    en: 'Hello, thank you for contacting us (report {reference}). We have passed your case to the health services (Ministry of Health), where professionals can help. Talking to a doctor or a psychologist can help a lot. If you need help straight away, call 194 (ambulance).',
  },
  referred_prosecutor: {
    sr: 'Poštovani, hvala vam što ste nam se obratili (prijava {reference}). Ono što ste prijavili prosledili smo Posebnom tužilaštvu za visokotehnološki kriminal, koje se bavi krivičnim delima na internetu. Sačuvajte sve dokaze (poruke, slike ekrana, linkove) i nemojte ih brisati. Hvala vam što ste pomogli da internet bude bezbedniji za decu.',
    en: 'Hello, thank you for contacting us (report {reference}). We have passed what you reported to the Public Prosecutor’s Office for High-Tech Crime, which deals with crimes on the internet. Please keep all the evidence (messages, screenshots, links) and do not delete it. Thank you for helping to make the internet safer for children.',
  },
  content_reported_to_platform: {
    sr: 'Poštovani, hvala vam što ste nam se obratili (prijava {reference}). Sadržaj koji ste prijavili prijavili smo platformi na kojoj se nalazi i zatražili da ga ukloni. Platforme odlučuju same, pa ponekad treba malo vremena. Ako sadržaj i dalje vidite ili se pojavi ponovo, javite nam se.',
    en: 'Hello, thank you for contacting us (report {reference}). We have reported the content to the platform it is on and asked them to remove it. Platforms make their own decisions, so it can take a little time. If you still see the content or it appears again, let us know.',
  },
  advice_given: {
    sr: 'Poštovani, hvala vam što ste nam se obratili (prijava {reference}). Nadamo se da su vam naši saveti pomogli. Ako imate još pitanja ili se situacija promeni, slobodno nam se ponovo javite — tu smo da pomognemo.',
    en: 'Hello, thank you for contacting us (report {reference}). We hope our advice has helped. If you have more questions or things change, please get in touch again — we are here to help.',
  },
  closed_no_action: {
    sr: 'Poštovani, hvala vam što ste nam se obratili (prijava {reference}). Pažljivo smo pregledali vašu prijavu i zaključili da za sada nije potrebno da preduzmemo dalje korake. Ako se nešto promeni ili imate novih informacija, javite nam se i ponovo ćemo pogledati.',
    en: 'Hello, thank you for contacting us (report {reference}). We have looked at your report carefully and decided that no further steps are needed for now. If anything changes or you have new information, get in touch and we will look again.',
  },
};

export const OUTCOME_DEFAULTS: Readonly<Record<Lang, Readonly<Record<OutcomeCode, string>>>> = trilingual(OUTCOMES);

/** Advice for parents, seeded once as canned responses (supervisors edit or delete them). */
const ADVICE = trilingual({
  talkTitle: {
    sr: 'Savet roditeljima: razgovor sa detetom o rizicima na internetu',
    en: 'Advice for parents: talking to your child about online risks',
  },
  talkBody: {
    sr: 'Razgovarajte sa detetom mirno i bez kritike — cilj je da zna da vam uvek može reći šta mu se desilo na internetu. Pitajte šta voli da radi na mreži i sa kim se dopisuje. Dogovorite se da vam kaže ako ga neko uznemirava, traži slike ili predlaže susret uživo. Nemojte mu odmah oduzimati telefon: deca tada često prestanu da pričaju o problemima. Pohvalite ga što vam se obratilo.',
    en: 'Talk to your child calmly and without blame — the aim is that they know they can always tell you what happened online. Ask what they like doing online and who they talk to. Agree that they will tell you if someone upsets them, asks for pictures or suggests meeting in person. Try not to take their phone away straight away: children often stop telling you about problems when that happens. Praise them for coming to you.',
  },
  platformTitle: { sr: 'Savet: kako prijaviti sadržaj platformi', en: 'Advice: how to report content to a platform' },
  platformBody: {
    sr: 'Svaka društvena mreža ima dugme za prijavu (obično tri tačke ili zastavica pored objave, poruke ili profila). Izaberite razlog koji najbolje odgovara, na primer „uznemiravanje“ ili „golotinja deteta“. Prijava je anonimna — osoba neće saznati ko ju je prijavio. Pre prijave sačuvajte dokaze, jer platforma može ukloniti sadržaj. Ako platforma ne reaguje, javite nam se sa brojem prijave {reference}.',
    en: 'Every social network has a report button (usually three dots or a flag next to a post, message or profile). Choose the reason that fits best, for example “harassment” or “child nudity”. Reports are anonymous — the person will not find out who reported them. Save the evidence before you report, because the platform may remove the content. If the platform does not act, contact us quoting report {reference}.',
  },
  evidenceTitle: { sr: 'Savet: kako sačuvati dokaze', en: 'Advice: how to preserve evidence' },
  evidenceBody: {
    sr: 'Napravite snimke ekrana poruka, profila i objava, tako da se vide ime naloga, datum i vreme. Sačuvajte linkove (adrese) profila i objava. Nemojte brisati poruke ni blokirati osobu dok ne sačuvate dokaze. Ne prosleđujte i ne čuvajte eksplicitne slike deteta — samo ih prijavite nama ili policiji. Dokaze čuvajte na sigurnom mestu i ponesite ih ako vas pozove policija.',
    en: 'Take screenshots of the messages, profiles and posts so that the account name, date and time can be seen. Save the links (addresses) of the profiles and posts. Do not delete messages or block the person until you have saved the evidence. Never forward or keep explicit images of a child — just report them to us or the police. Keep the evidence somewhere safe and bring it if the police contact you.',
  },
});

export function adviceDefaults(): { title: string; body: string; language: Lang }[] {
  const out: { title: string; body: string; language: Lang }[] = [];
  for (const language of ['sr-Latn', 'sr-Cyrl', 'en'] as const) {
    const a = ADVICE[language];
    out.push(
      { title: a.talkTitle, body: a.talkBody, language },
      { title: a.platformTitle, body: a.platformBody, language },
      { title: a.evidenceTitle, body: a.evidenceBody, language },
    );
  }
  return out;
}
