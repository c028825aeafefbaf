/**
 * Named word lists the default rules share ({self}, {weapon}, …), each written as one line of
 * words in the pattern language of pattern.ts: `stem*` takes an inflectional ending, `stem**`
 * anything after, a plain word is exact. Written with or without diacritics, in either script:
 * everything is folded like the text. A rules file may replace any group or add its own
 * (docs/triage.md), as a JSON list of the same words.
 */
const w = (words: string): readonly string[] => words.split(/\s+/).filter((x) => x !== '');

export const DEFAULT_GROUPS: Readonly<Record<string, readonly string[]>> = {
  // People and pronouns
  self: w('se sebe sebi sobom myself meself self'),
  self_strong: w('sebe sebi sobom myself meself self'),
  victim: w('me mene meni mi te tebe tebi ti ga njega je nju joj ih njih'),
  victim_more: w(
    'nas vas you ya him her them us everyone svakog ljud* ljude people učenik* učenic* students kids everybody',
  ),
  parents: w('roditelj* mam* majk* majci tat* otac oca ocu keva kevi cale ćaletu'),
  parents_en: w('parents parent mom mum mommy mother dad daddy father family anyone'),
  adult: w(
    'čovek čoveka čoveku čovekom čovjek* muškarac muškarc* odrasl* starij* matori* stranac stranc* ' +
      'nepoznat* lik tip tipa čika man guy adult adults older stranger strangers grown',
  ),
  child: w(
    'dete deteta detetu detetom deca dece deci decom dečj* dečij* dečak* dečac* devojčic* maloletn* ' +
      'maloletnic* klinc* beb* kid kids child children minor minors underage preteen* toddler* pedo',
  ),
  own_child: w('sin sina sinu sinom ćerk* kćerk* son daughter baby'),
  peer: w('drugaric* drugar* drug druga ucenic* učenik* odeljenj* razred* classmate* class'),
  audience: w(
    'svima svakom* svi everyone everybody followers pratio* razred* škol* school pratioc* pratilac prijatelj* friends',
  ),
  // Self-harm
  kill: w('ubi* ubit kil* murder*'),
  die: w('umr* umir* umrijet* die dying dead died'),
  want: w('hoću hoćeš hoće oću oće hteo htela želim želiš želi want wanna wants wish'),
  no_reason: w('smisl* smisao razlog* vredi volj* point reason worth'),
  // "seć-" is also "sećati se" (remember): the forms of seći are listed, its prefixed verbs take endings.
  cut: w(
    'sečem sečeš seče sečemo seku seći sekla sekao sekli iseč* isek* poseč* posek* seck* cut cuts cutting prerez* preseć* presek* slit slash*',
  ),
  body_part: w('ruk* ruc* ven* nog* butin* zglob* wrist* arm arms leg legs thigh* grl* throat'),
  pills: w('tablet* lekov* pilul* pills pill tablets meds'),
  all_of: w('sve sav celu ceo kutij* all whole bottle entire every svaku gomil* bunch'),
  high_place: w('zgrad* most* teras* prozor* krov* balkon* solite* bridge roof building'),
  farewell: w('oproštajn* oproštaj* zbogom goodbye farewell suicide'),
  // Threats
  violence: w(
    'ubi* prebi* pretuć* istuć* izbost* izbod* zakla* zakolj* siluj* silova* upuca* kil* stab* shoot rape* raping murder* izbo* ubost* ubod* zadavi* sahrani* iskasapi* raskomad* isprebija* likvidir* strangle* choke*',
  ),
  harm: w('zapali* polomi* slomi* napast* napadn* udari* povredi* burn* hurt beat attack* razbi* beaten smash*'),
  threaten: w('pret* prijet* threat**'),
  weapon: w('pištolj* puška pušk* oružj* nož noža nožem nožev* bomb* palic* gun guns knife knives rifle weapon*'),
  shooting: w('pucati pucaću pucaće pucaćemo pucaj* upucati shoot shooting'),
  school: w(
    'škol* school razred* učionic* nastavni* nastavnic* profesor* učitelj* teacher* učenik* učenic* students pupils',
  ),
  future: w("ću ćeš će ćemo ćete i'll he'll she'll you'll they'll we'll will gonna"),
  // Sextortion and grooming
  image: w(
    'slik* fotk* fotografij* foto snimak snimk* snimc* video* klip* selfi* nudes* pic pics picture* ' +
      'photo* image* vid vids sadržaj*',
  ),
  nude: w(
    'gol* golišav* nag* intim* eksplicit* explicit nude nudes* naked seksi sexy sexual seksualn* porn** ' +
      'erotsk* obnažen* privatn* private',
  ),
  nude_strong: w(
    'gol* golišav* nag* nude nudes* naked eksplicit* explicit porn** pedo obnažen* donj* underwear lingerie',
  ),
  money: w(
    'novac novca novcem pare para evr* eur* dinar* paysafe bitcoin* money cash dollars bucks gift robux ' +
      'plat* uplat* pay paid',
  ),
  demand: w('traž* zahtev* want wants demand* ask* asking'),
  publish: w(
    'objav* okač* posla* pošalj* podel* prosled* leak* post posts posted send sends sent share shared expos* spread upload* kruž* širi* pokaz* šalj* show shows showing',
  ),
  record: w('snimi* snimlj* record* screenshot* skrinšot*'),
  unless: w('ako ukoliko ili if unless or inače otherwise else'),
  more: w('još više more another'),
  meet: w('nađ* sastan* sastanak vidimo viđamo viđanj* uživo dođ* doći dolaz* pokupi* meet* meetup irl visit* viđaju'),
  gift: w('poklon* nudi* kupi* kupuj* gift* offer* buy bought'),
  tell: w('govori* kaž* reci rekn* priča* spominj* tell telling'),
  delete: w('obriš* briš* izbriš* delet* eras*'),
  messages: w('poruk* chat* čet četove prepisk* messages texts conversation* dms'),
  undress: w('skin* skid* svuč* svlač* undress* take'),
  clothes: w('majic* odeć* garderob* gać* grudnjak* shirt clothes top pants bra'),
  vehicle: w('voz* train trains car cars auto kola kamion* truck bus autobus* metro tramvaj*'),
  lingerie: w('kupać* donj* veš* gaćic* grudnjak* gol* naked bikini underwear lingerie bra topless'),
  away: w('van nisu nema away out gone not'),
  // Harmless contexts (masks)
  news_or_lesson: w(
    'novin* vest vesti članak članku referat* seminarsk* predavanj* radionic* lekcij* news article essay ' +
      'lesson workshop* presentation',
  ),
  hyperbole_cause: w(
    'smeh* smej* dosad* učenj* posl* sramot* stid* umor* trening* glad* vrućin* laugh* bored* boredom ' +
      'embarras* cringe',
  ),
  school_work: w(
    'test* kontroln* ispit* domać* zadac* zadat* matematik* fizik* hemij* gradiv* ocen* dvojk* jedinic* ' +
      'kec* zakasn* homework exam* math* grade* late',
  ),
  game: w('igr* igric* zombi* zmaj* neprijatelj* game* gaming fortnite fortnajt* minecraft gta'),
};
