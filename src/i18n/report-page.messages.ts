import type { Bilingual } from './messages.ts';

/**
 * Strings of the public report page, in Serbian (Latin script, ekavian) and English.
 * Cyrillic is derived from `sr` at load time; see CYRILLIC_OVERRIDES in messages.ts for the
 * strings where that would be wrong. Readers include children: short sentences, plain words.
 */
export const REPORT_PAGE_MESSAGES = {
  'site.name': {
    sr: 'Nacionalni kontakt centar za bezbednost dece na internetu',
    en: 'National Contact Centre for Child Safety on the Internet',
  },
  'site.skipLink': { sr: 'Pređi na glavni sadržaj', en: 'Skip to main content' },
  'lang.nav': { sr: 'Jezik i pismo', en: 'Language' },
  'kind.nav': { sr: 'Šta želite da uradite?', en: 'What would you like to do?' },
  'kind.report.hint': {
    sr: 'Naišli ste na slike, snimke ili poruke na internetu koje štete deci.',
    en: 'You have found pictures, videos or messages online that harm children.',
  },
  'kind.help.hint': {
    sr: 'Nešto se dogodilo na internetu vama ili nekome koga poznajete i treba vam savet.',
    en: 'Something has happened online to you or someone you know, and you need advice.',
  },

  'page.title.report': { sr: 'Prijava nezakonitog ili štetnog sadržaja', en: 'Report illegal or harmful content' },
  'page.title.help': { sr: 'Zatražite savet ili pomoć', en: 'Ask for advice or help' },
  'page.intro.report': {
    sr: 'Prijavu možete poslati anonimno, u bilo koje doba dana i noći. Savetnici Centra pregledaće sadržaj i, kada je potrebno, proslediti ga policiji, tužilaštvu ili drugoj nadležnoj instituciji.',
    en: 'You can report anonymously, at any time of the day or night. The Centre’s counsellors will look at the content and, where needed, pass it on to the police, the public prosecutor or another responsible institution.',
  },
  'page.intro.help': {
    sr: 'Napišite nam šta se dogodilo ili šta vas brine. Savetnici Centra čitaju svaku poruku. Ne morate da znate kako se nešto zove — opišite svojim rečima.',
    en: 'Tell us what happened or what is worrying you. The Centre’s counsellors read every message. You don’t need to know the right words — just describe it in your own way.',
  },
  'page.emergency': {
    sr: 'Ako je dete u neposrednoj opasnosti, odmah pozovite policiju: {police}.',
    en: 'If a child is in immediate danger, call the police now: {police}.',
  },

  'warning.title': {
    sr: 'Nikada ne šaljite slike ni snimke zlostavljanja dece',
    en: 'Never send pictures or videos of children being abused',
  },
  'warning.body': {
    sr: 'Nemojte preuzimati, čuvati ni prosleđivati takav sadržaj, niti praviti snimke ekrana — ni za nas, ni za bilo koga drugog. Čuvanje i deljenje takvog materijala je zabranjeno zakonom. Pošaljite nam samo link, odnosno adresu stranice na kojoj ste ga videli.',
    en: 'Do not download it, save it, take screenshots of it or forward it — not to us and not to anyone else. Keeping or sharing such material is against the law. Send us only the link: the address of the page where you saw it.',
  },
  'warning.noUpload': {
    sr: 'Zato ovaj obrazac namerno nema mogućnost dodavanja fajlova.',
    en: 'That is why this form deliberately has no way to attach files.',
  },

  'errors.summaryTitle': {
    sr: 'Obrazac još nije poslat. Proverite sledeće:',
    en: 'The form has not been sent yet. Please check the following:',
  },
  'errors.prefix': { sr: 'Greška:', en: 'Error:' },
  'errors.keyReused': {
    sr: 'Ovaj obrazac je već poslat, sa drugačijim sadržajem. Ta prva prijava je primljena i ništa u njoj nije promenjeno. Ako želite da pošaljete i ovo, proverite tekst ispod i pošaljite ga ponovo: biće to nova prijava.',
    en: 'This form was already sent, with different content. That first report was received and nothing in it has changed. If you want to send this too, check the text below and send it again: it will be a new report.',
  },
  'errors.keyReusedApi': {
    sr: 'Ova oznaka slanja je već upotrebljena za prijavu drugačijeg sadržaja. Pošaljite novu prijavu sa novom oznakom.',
    en: 'This Idempotency-Key was already used for a report with different content. Send the new report with a new key.',
  },
  'errors.tooLarge': {
    sr: 'Poslato je previše podataka, pa obrazac nije primljen. Obrazac ne prima fajlove, slike ni snimke: pošaljite nam samo opis i link do stranice.',
    en: 'What was sent is too large, so the form was not received. This form does not take files, pictures or videos: send us only a description and the link to the page.',
  },

  'field.required': { sr: '(obavezno)', en: '(required)' },
  'field.optional': { sr: '(nije obavezno)', en: '(optional)' },

  'field.urls.label.report': { sr: 'Linkovi do sadržaja', en: 'Links to the content' },
  'field.urls.label.help': { sr: 'Linkovi koji su u vezi sa ovim', en: 'Links related to this' },
  'field.urls.hint': {
    sr: 'Kopirajte adresu iz pregledača (počinje sa https://) i nalepite je ovde. Svaki link u novi red, najviše {max}.',
    en: 'Copy the address from your browser (it starts with https://) and paste it here. One link per line, up to {max}.',
  },
  'field.urls.hint.report': {
    sr: 'Link nam najviše pomaže da se sadržaj brzo ukloni.',
    en: 'A link helps us most to get the content removed quickly.',
  },

  'field.description.label.report': { sr: 'Šta ste videli?', en: 'What did you see?' },
  'field.description.hint.report': {
    sr: 'Napišite gde ste to videli (sajt, aplikacija, igrica, grupa) i kada, a ako znate, i korisničko ime osobe ili naloga. Ne morate da opisujete detalje koji vas uznemiravaju.',
    en: 'Tell us where you saw it (website, app, game, group) and when, and the username of the person or account if you know it. You don’t have to describe anything that upsets you.',
  },
  'field.description.label.help': { sr: 'Šta se dogodilo?', en: 'What happened?' },
  'field.description.hint.help': {
    sr: 'Napišite svojim rečima šta se desilo ili šta vas brine, koga se tiče i od kada traje. Što više napišete, lakše ćemo vam pomoći.',
    en: 'In your own words, tell us what happened or what is worrying you, who it affects and how long it has been going on. The more you tell us, the easier it is for us to help.',
  },

  'field.category.label': { sr: 'O čemu se radi?', en: 'What is it about?' },
  'field.category.hint': {
    sr: 'Ako niste sigurni, ostavite „Ne znam“ — savetnik će izabrati.',
    en: 'If you are not sure, leave it as “Not sure” — a counsellor will choose.',
  },
  'field.category.unsure': { sr: 'Ne znam', en: 'Not sure' },

  'field.reporterRole.legend': { sr: 'Ko popunjava obrazac?', en: 'Who is filling in this form?' },

  'field.ageGroup.label': { sr: 'Koliko godina ima dete o kome se radi?', en: 'How old is the child this is about?' },
  'field.ageGroup.hint': {
    sr: 'Ako je u pitanju više dece, izaberite uzrast najmlađeg.',
    en: 'If it is about more than one child, choose the age of the youngest.',
  },
  'field.ageGroup.choose': { sr: 'Izaberite uzrast', en: 'Choose an age' },

  'field.anonymous.legend': { sr: 'Da li želite da ostanete anonimni?', en: 'Do you want to stay anonymous?' },
  'field.anonymous.hint.help': {
    sr: 'Ako želite da vam odgovorimo sa savetom, izaberite da ostavite kontakt.',
    en: 'If you would like us to reply with advice, choose to leave your contact details.',
  },
  'field.anonymous.true': { sr: 'Šaljem anonimno', en: 'Send anonymously' },
  'field.anonymous.true.hint': {
    sr: 'Ne tražimo vaše ime niti kontakt. Nećemo moći da vam se javimo, ali ćete dobiti kod potvrde sa kojim možete da pitate šta je urađeno.',
    en: 'We don’t ask for your name or contact details. We won’t be able to get back to you, but you will get a receipt code you can use to ask what has been done.',
  },
  'field.anonymous.false': { sr: 'Želim da ostavim kontakt podatke', en: 'I want to leave my contact details' },
  'field.anonymous.false.hint': {
    sr: 'Javićemo vam šta je urađeno i moći ćemo da vam pošaljemo savet.',
    en: 'We will let you know what has been done and can send you advice.',
  },

  'field.contact.legend': { sr: 'Vaši kontakt podaci', en: 'Your contact details' },
  'field.contact.hint': {
    sr: 'Popunite samo ako ste izabrali da ostavite kontakt. Dovoljna je adresa e-pošte ili broj telefona.',
    en: 'Only fill this in if you chose to leave your contact details. An e-mail address or a phone number is enough.',
  },
  'field.email.label': { sr: 'Adresa e-pošte', en: 'E-mail address' },
  'field.phone.label': { sr: 'Broj telefona', en: 'Phone number' },
  'field.phone.hint': { sr: 'Na primer 064 123 4567', en: 'For example 064 123 4567 or +381 64 123 4567' },
  'field.consent.label.report': {
    sr: 'Slažem se da me Centar kontaktira u vezi sa ovom prijavom.',
    en: 'I agree to be contacted about this report.',
  },
  'field.consent.label.help': {
    sr: 'Slažem se da me Centar kontaktira u vezi sa ovom porukom.',
    en: 'I agree to be contacted about this message.',
  },
  'field.website.label': { sr: 'Ne popunjavajte ovo polje', en: 'Leave this field empty' },

  'submit.report': { sr: 'Pošalji prijavu', en: 'Send report' },
  'submit.help': { sr: 'Pošalji poruku', en: 'Send message' },
  'submit.sending': { sr: 'Šaljemo…', en: 'Sending…' },

  'js.charCount': {
    sr: 'Iskorišćeno je {count} od {max} znakova.',
    en: '{count} of {max} characters used.',
  },
  'js.networkError': {
    sr: 'Slanje nije uspelo. Proverite internet vezu i pokušajte ponovo.',
    en: 'Sending failed. Please check your internet connection and try again.',
  },
  'js.serverError': {
    sr: 'Došlo je do greške na našoj strani. Pokušajte ponovo za nekoliko minuta ili nam pišite na {email}.',
    en: 'Something went wrong on our side. Please try again in a few minutes or write to us at {email}.',
  },

  'thanks.title': { sr: 'Hvala vam. Primili smo vašu poruku.', en: 'Thank you. We have received your message.' },
  'thanks.intro': {
    sr: 'Savetnik Centra će je pregledati što je pre moguće.',
    en: 'A counsellor from the Centre will look at it as soon as possible.',
  },
  'thanks.reference': { sr: 'Broj predmeta', en: 'Case reference' },
  'thanks.receipt': { sr: 'Kod potvrde', en: 'Receipt code' },
  'thanks.receiptNote': {
    sr: 'Kod potvrde prikazujemo samo sada, samo jednom, i ne možemo ponovo da vam ga pošaljemo. Zapišite ga i sačuvajte zajedno sa brojem predmeta: oba će vam trebati ako budete želeli da pitate šta je urađeno povodom vaše poruke.',
    en: 'We show the receipt code only now, this one time, and we cannot send it to you again. Write it down and keep it with the case reference: you will need both if you want to ask what has been done about your message.',
  },
  'thanks.next': {
    sr: 'Ako ste ostavili kontakt podatke, javićemo vam se.',
    en: 'If you left your contact details, we will get in touch with you.',
  },
  'thanks.back': { sr: 'Nazad na obrazac', en: 'Back to the form' },

  'footer.available': {
    sr: 'Prijave primamo 24 sata dnevno, 7 dana u nedelji.',
    en: 'You can report to us 24 hours a day, 7 days a week.',
  },
  'footer.email': { sr: 'E-pošta: {email}', en: 'E-mail: {email}' },
  'footer.social': { sr: 'Facebook i Instagram: {page}', en: 'Facebook and Instagram: {page}' },
  'footer.police': {
    sr: 'U neposrednoj opasnosti pozovite policiju: {police}',
    en: 'In immediate danger, call the police: {police}',
  },
} as const satisfies Record<string, Bilingual>;
