import { type Lang, trilingual } from './messages.ts';

/** Strings of the reporters' status page (/report/status). Cyrillic is derived from Latin. */
const TABLE = trilingual({
  title: { sr: 'Stanje prijave', en: 'Report status' },
  intro: {
    sr: 'Upišite broj prijave i kod potvrde koje ste dobili kada ste poslali prijavu. Ne pitamo vas ništa drugo.',
    en: 'Enter the report number and the receipt code you were given when you sent your report. We ask for nothing else.',
  },
  reference: { sr: 'Broj prijave', en: 'Report number' },
  referenceHint: { sr: 'npr. KC-2026-000123', en: 'e.g. KC-2026-000123' },
  receipt: { sr: 'Kod potvrde', en: 'Receipt code' },
  receiptHint: { sr: 'npr. 7KQ2-M9XD-4HPT-WZ3B', en: 'e.g. 7KQ2-M9XD-4HPT-WZ3B' },
  submit: { sr: 'Proveri stanje', en: 'Check status' },
  notFound: {
    sr: 'Nismo pronašli prijavu sa tim brojem i kodom. Proverite da li ste ih tačno prepisali.',
    en: 'We could not find a report with that number and code. Please check that you copied them exactly.',
  },
  statusLabel: { sr: 'Stanje', en: 'Status' },
  receivedAt: { sr: 'Primljena', en: 'Received' },
  updatedAt: { sr: 'Poslednja promena', en: 'Last change' },
  'status.received': {
    sr: 'Primljena — savetnik će je uskoro pregledati.',
    en: 'Received — a counsellor will look at it soon.',
  },
  'status.in_progress': {
    sr: 'U obradi — savetnik radi na vašoj prijavi.',
    en: 'Being handled — a counsellor is working on your report.',
  },
  'status.referred': {
    sr: 'Prosleđena nadležnoj instituciji.',
    en: 'Referred to the responsible institution.',
  },
  'status.closed': { sr: 'Zatvorena — obrada je završena.', en: 'Closed — handling is finished.' },
  messagesTitle: { sr: 'Poruke Centra za vas', en: 'Messages from the Centre to you' },
  noMessages: { sr: 'Još nema poruka za vas.', en: 'There are no messages for you yet.' },
  checkAnother: { sr: 'Proveri drugu prijavu', en: 'Check another report' },
  outcomeTitle: { sr: 'Šta je urađeno', en: 'What was done' },
  addTitle: { sr: 'Dodajte informacije prijavi', en: 'Add information to your report' },
  addIntro: {
    sr: 'Ako se desilo nešto novo ili ste se setili nečega važnog, napišite to ovde. Savetnik će to odmah videti uz vašu prijavu. Ne pišite svoje ime ni kontakt ako želite da ostanete anonimni.',
    en: 'If something new has happened or you remember something important, write it here. A counsellor will see it straight away with your report. Leave out your name and contact details if you want to stay anonymous.',
  },
  addLabel: { sr: 'Nove informacije', en: 'New information' },
  addSubmit: { sr: 'Pošalji', en: 'Send' },
  addDone: {
    sr: 'Hvala vam. Dodali smo ovo vašoj prijavi.',
    en: 'Thank you. We have added this to your report.',
  },
  addKeyReused: {
    sr: 'Ovaj obrazac je već poslat, sa drugačijim tekstom, i taj prvi tekst je dodat vašoj prijavi. Ako želite da dodate i ovo, proverite tekst i pošaljite ga ponovo.',
    en: 'This form was already sent, with different text, and that first text was added to your report. If you want to add this too, check the text and send it again.',
  },
  addCrossSite: {
    sr: 'Ovaj obrazac se može poslati samo sa stranice za proveru stanja prijave.',
    en: 'This form can only be sent from the report status page.',
  },
});

export type StatusKey = keyof (typeof TABLE)['en'];

export const st = (lang: Lang, key: StatusKey): string => TABLE[lang][key];
