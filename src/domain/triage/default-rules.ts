import type { UrgencyRule } from '../urgency.ts';

/**
 * The urgency rules Kontakt starts with, in the pattern language (docs/triage.md). Each pattern
 * describes a way the danger is put into words (a verb and its object, a possession and a demand),
 * not one sentence; the groups ({self}, {weapon}, …) are in default-groups.ts. `except` patterns
 * mask harmless uses of the same words before the rule is read.
 */

/** Hyperbole that uses the words of danger: "umirem od smeha", "ubio me ovaj test", a game. */
const HYPERBOLE = [
  '{kill}|{die}|{violence}|pogin*|izgor*|puc* od {hyperbole_cause} ~5',
  '{die}|{kill} of|from {hyperbole_cause} ~4',
  '{die} {hyperbole_cause} ~3',
  '{kill}|{violence} {school_work} ~8',
  '{violence}|{harm}|{kill}|pobi*|puca*|shooting {game} ~6',
  '"ubij|ubijte me"',
  '"shoot me a|an"',
];

/** A question about the subject, a school paper, the news: the word is named, not lived. */
const TALKED_ABOUT = [
  '{news_or_lesson} samoubistv*|samoubic*|suicid*|ucenj*|sextortion|grooming|pedofil*|predator* ~7',
  'kako|how razgovar*|objasn*|talk|explain* samoubistv*|suicid*|grooming|sextortion ~7',
  '"šta|sta|what je|is|znači|means samoubistv*|suicid*|sextortion|grooming|ucenjivanj*" ~3',
];

export const DEFAULT_URGENCY_RULES: readonly UrgencyRule[] = [
  {
    name: 'csam',
    categories: ['illegal_content'],
    flags: ['csam'],
    patterns: [
      '{nude_strong} {child}|{own_child} ~3',
      '{nude_strong}|seksualn*|sexual {image} {child}|{own_child}|{peer}|1..17 ~7',
      'seksualn*|sexual zlostavlj*|abus*|iskorišć*|exploit* {child} ~5',
      '{image} zlostavlj*|abus*|abusing {child} ~6',
      '{image} {adult} {child} ~8',
      'prodaj*|prodaje|sell*|selling {image} {child}|maloletn* ~5',
      'pedo|pedofil*|pedofilsk*|csam',
    ],
    except: [...TALKED_ABOUT, '{news_or_lesson}|zaštit*|protect*|čas|času|class pedofil*|predator* ~6'],
  },
  {
    name: 'self_harm',
    patterns: [
      '{kill} {self} ~3',
      'samoubistv*|samoubij*|samoubic*|samoubilač*|suicid*|suicidal*|unalive*|sewerslide|kms',
      'ne|neću|nema|nemam|nije|bez|dont|no|not|never {want}|{no_reason} živ*|živet*|život*|live|living|alive ~6',
      'ne mogu više živ*|živeti ~5',
      'cant|cannot live|go on|anymore|like ~4',
      '{want} umr*|umreti|umrem|nestan*|nestati|die|dead ~4',
      'naudi*|povredi*|povređ*|povređuj*|hurt*|harm* {self_strong} ~4',
      'uradi*|učini* {self_strong} nešto|nesto|something ~4',
      '"self harm*|harming"',
      'samopovre**|selfharm**',
      '{cut} {self}|{body_part}|deeper|dublje|again|opet ~4',
      'popi*|progut*|uze*|uzm*|take|taking|swallow* {all_of} {pills} ~5',
      'overdos*|predozir*',
      'obesi*|obes* {self}|konop* ~4',
      'hang* {self_strong}|rope ~4',
      'skoč*|jump* {self}|sa|s|off|from|kroz|pod {high_place}|voz*|train ~5',
      'bac* {self} pod|kroz|sa ~3',
      '{farewell} pism*|poruk*|note|letter|message ~3',
      'oprašt* {self}|svih|svima ~4',
      'me|mene više|vise nece|necete|nećete biti|videti ~4',
      'nema me|mene više sutra|uskoro|večeras ~4',
      '"nemoj|nemojte|dont me|for traž*|look" ~3',
      'oduze*|oduzm*|prekrati*|okonča*|end|take|taking {self_strong}|my|own|her|his|their|svoj* život*|life ~4',
      'end* it all|tonight|today|now|večeras ~3',
    ],
    except: [...HYPERBOLE, ...TALKED_ABOUT],
  },
  {
    name: 'threat',
    patterns: [
      '{violence} {victim}|{victim_more} ~3',
      '{threaten} {violence}|{harm}|{weapon} ~6',
      '{future} {harm} {victim}|{victim_more} ~4',
      '{weapon} {school}|{shooting}|{violence}|next|sledeć* ~8',
      '{shooting} {school} ~6',
      'shoot up ~2',
      'pokolj*|masakr*|massacre|krvoproli* {school}|napravi*|izvrši*|uradi*|{future} ~6',
      '"znam|zna|znaju|know|knows gde|where živiš|živim|živi|stanuješ|stanujem|live|lives" ~4',
      '"you|youre|ur|ti mrtav|mrtva|dead|next" ~3',
      '"mrtav|mrtva si|ste"',
      'slomi*|polomi*|break* ti|mi|your|my|his|her nog*|ruk*|vrat*|kost*|leg*|legs|arm*|neck|bones ~4',
      'ček*|doček*|wait* {victim}|{victim_more} {weapon} ~5',
      '{future}|be|da rape*|raped|silov* ~3',
    ],
    except: [...HYPERBOLE],
  },
  {
    name: 'meeting_adult',
    patterns: [
      '"ne|nemoj|nikom|nikome|nisam|dont|not|never|shouldnt {tell} {parents}|{parents_en}|nikom|nikome|niko" ~4',
      '"nikom|nikome|niko ne {tell}" ~3',
      'tajn*|secret* naš*|our|their|little|mala|malu|between|između|keep ~3',
      '{demand}|kaže|rekao|rekla|says|told|tells {delete} {messages} ~6',
      '{adult} {meet}|adres*|address ~12',
      '18..99 god|godina|godine|yo|year|years {meet} ~12',
      '{adult} {gift} ~10',
      '{gift} ako|if|ukoliko {meet} ~6',
      '{demand} nudes* ~4',
      'nudi*|offer* {money}|{gift} {image}|viđanj*|meet* ~8',
      'kart*|ticket* dođ*|dođem|come|see|visit* njega|him|sebe|his ~8',
      '{demand} {image} kupać*|kupaćem|donj*|gol*|bez|naked|bikini|underwear ~6',
      'zrel*|mature* godin*|age ~4',
      '{undress} {clothes} ~4',
    ],
    except: [...TALKED_ABOUT, 'secret santa ~2', '"tajni deda mraz"'],
  },
  {
    name: 'sextortion',
    patterns: [
      'ucenjuj*|ucenjiv*|ucenjen*|ucena|ucene|ucenu|ucenom|blackmail*|sextortion|sekstorzij*|extort**',
      '{nude} {image} {demand}|{money} ~8',
      '"{publish} {image}|ih|them {unless}" ~7',
      '"{unless} {image}|ih|them {publish}" ~7',
      '{image} {demand} {more} ~8',
      '{image} {unless} {publish} {more} ~12',
      '{publish} {image}|ih|them {audience}|{parents}|{parents_en} ~8',
      '{publish}|{demand} {more} {image} ~5',
      '{publish} {nude} {image} ~5',
      '{money} {publish} {image} ~8',
      '{record} {money}|{demand} ~12',
      'leak*|expos* {image}|{nude} ~5',
      '{publish}|{money} nudes* ~6',
    ],
    except: [...TALKED_ABOUT],
  },
];
