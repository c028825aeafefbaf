/**
 * Serbia's 29 administrative districts and the City of Belgrade, with their cities and municipalities
 * (Belgrade: its seventeen city municipalities), in Serbian Latin and Cyrillic and, for districts, English.
 * Seeded into the districts and municipalities tables on start (only what is missing: the admins' edits stay).
 * Codes are stable ASCII; a place is the district's code plus, optionally, a municipality's code.
 */
export interface PlaceSeed {
  code: string;
  /** Latin, Cyrillic */
  name: readonly [string, string];
  kind: 'city' | 'municipality' | 'city_municipality';
}

export interface DistrictSeed {
  code: string;
  /** Latin, Cyrillic, English */
  name: readonly [string, string, string];
  places: readonly PlaceSeed[];
}

export const SERBIAN_PLACES: readonly DistrictSeed[] = [
  {
    code: 'beograd',
    name: ['Grad Beograd', 'Град Београд', 'City of Belgrade'],
    places: [
      { code: 'barajevo', name: ['Barajevo', 'Барајево'], kind: 'city_municipality' },
      { code: 'vozdovac', name: ['Voždovac', 'Вождовац'], kind: 'city_municipality' },
      { code: 'vracar', name: ['Vračar', 'Врачар'], kind: 'city_municipality' },
      { code: 'grocka', name: ['Grocka', 'Гроцка'], kind: 'city_municipality' },
      { code: 'zvezdara', name: ['Zvezdara', 'Звездара'], kind: 'city_municipality' },
      { code: 'zemun', name: ['Zemun', 'Земун'], kind: 'city_municipality' },
      { code: 'lazarevac', name: ['Lazarevac', 'Лазаревац'], kind: 'city_municipality' },
      { code: 'mladenovac', name: ['Mladenovac', 'Младеновац'], kind: 'city_municipality' },
      { code: 'novi_beograd', name: ['Novi Beograd', 'Нови Београд'], kind: 'city_municipality' },
      { code: 'obrenovac', name: ['Obrenovac', 'Обреновац'], kind: 'city_municipality' },
      { code: 'palilula', name: ['Palilula', 'Палилула'], kind: 'city_municipality' },
      { code: 'rakovica', name: ['Rakovica', 'Раковица'], kind: 'city_municipality' },
      { code: 'savski_venac', name: ['Savski venac', 'Савски венац'], kind: 'city_municipality' },
      { code: 'sopot', name: ['Sopot', 'Сопот'], kind: 'city_municipality' },
      { code: 'stari_grad', name: ['Stari grad', 'Стари град'], kind: 'city_municipality' },
      { code: 'surcin', name: ['Surčin', 'Сурчин'], kind: 'city_municipality' },
      { code: 'cukarica', name: ['Čukarica', 'Чукарица'], kind: 'city_municipality' },
    ],
  },
  {
    code: 'severnobacki',
    name: ['Severnobački okrug', 'Севернобачки округ', 'North Bačka District'],
    places: [
      { code: 'subotica', name: ['Subotica', 'Суботица'], kind: 'city' },
      { code: 'backa_topola', name: ['Bačka Topola', 'Бачка Топола'], kind: 'municipality' },
      { code: 'mali_idjos', name: ['Mali Iđoš', 'Мали Иђош'], kind: 'municipality' },
    ],
  },
  {
    code: 'srednjobanatski',
    name: ['Srednjobanatski okrug', 'Средњобанатски округ', 'Central Banat District'],
    places: [
      { code: 'zrenjanin', name: ['Zrenjanin', 'Зрењанин'], kind: 'city' },
      { code: 'novi_becej', name: ['Novi Bečej', 'Нови Бечеј'], kind: 'municipality' },
      { code: 'nova_crnja', name: ['Nova Crnja', 'Нова Црња'], kind: 'municipality' },
      { code: 'zitiste', name: ['Žitište', 'Житиште'], kind: 'municipality' },
      { code: 'secanj', name: ['Sečanj', 'Сечањ'], kind: 'municipality' },
    ],
  },
  {
    code: 'severnobanatski',
    name: ['Severnobanatski okrug', 'Севернобанатски округ', 'North Banat District'],
    places: [
      { code: 'kikinda', name: ['Kikinda', 'Кикинда'], kind: 'city' },
      { code: 'ada', name: ['Ada', 'Ада'], kind: 'municipality' },
      { code: 'kanjiza', name: ['Kanjiža', 'Кањижа'], kind: 'municipality' },
      { code: 'senta', name: ['Senta', 'Сента'], kind: 'municipality' },
      { code: 'novi_knezevac', name: ['Novi Kneževac', 'Нови Кнежевац'], kind: 'municipality' },
      { code: 'coka', name: ['Čoka', 'Чока'], kind: 'municipality' },
    ],
  },
  {
    code: 'juznobanatski',
    name: ['Južnobanatski okrug', 'Јужнобанатски округ', 'South Banat District'],
    places: [
      { code: 'pancevo', name: ['Pančevo', 'Панчево'], kind: 'city' },
      { code: 'vrsac', name: ['Vršac', 'Вршац'], kind: 'city' },
      { code: 'alibunar', name: ['Alibunar', 'Алибунар'], kind: 'municipality' },
      { code: 'bela_crkva', name: ['Bela Crkva', 'Бела Црква'], kind: 'municipality' },
      { code: 'kovacica', name: ['Kovačica', 'Ковачица'], kind: 'municipality' },
      { code: 'kovin', name: ['Kovin', 'Ковин'], kind: 'municipality' },
      { code: 'opovo', name: ['Opovo', 'Опово'], kind: 'municipality' },
      { code: 'plandiste', name: ['Plandište', 'Пландиште'], kind: 'municipality' },
    ],
  },
  {
    code: 'zapadnobacki',
    name: ['Zapadnobački okrug', 'Западнобачки округ', 'West Bačka District'],
    places: [
      { code: 'sombor', name: ['Sombor', 'Сомбор'], kind: 'city' },
      { code: 'apatin', name: ['Apatin', 'Апатин'], kind: 'municipality' },
      { code: 'kula', name: ['Kula', 'Кула'], kind: 'municipality' },
      { code: 'odzaci', name: ['Odžaci', 'Оџаци'], kind: 'municipality' },
    ],
  },
  {
    code: 'juznobacki',
    name: ['Južnobački okrug', 'Јужнобачки округ', 'South Bačka District'],
    places: [
      { code: 'novi_sad', name: ['Novi Sad', 'Нови Сад'], kind: 'city' },
      { code: 'bac', name: ['Bač', 'Бач'], kind: 'municipality' },
      { code: 'backa_palanka', name: ['Bačka Palanka', 'Бачка Паланка'], kind: 'municipality' },
      { code: 'backi_petrovac', name: ['Bački Petrovac', 'Бачки Петровац'], kind: 'municipality' },
      { code: 'beocin', name: ['Beočin', 'Беочин'], kind: 'municipality' },
      { code: 'becej', name: ['Bečej', 'Бечеј'], kind: 'municipality' },
      { code: 'vrbas', name: ['Vrbas', 'Врбас'], kind: 'municipality' },
      { code: 'zabalj', name: ['Žabalj', 'Жабаљ'], kind: 'municipality' },
      { code: 'srbobran', name: ['Srbobran', 'Србобран'], kind: 'municipality' },
      { code: 'sremski_karlovci', name: ['Sremski Karlovci', 'Сремски Карловци'], kind: 'municipality' },
      { code: 'temerin', name: ['Temerin', 'Темерин'], kind: 'municipality' },
      { code: 'titel', name: ['Titel', 'Тител'], kind: 'municipality' },
    ],
  },
  {
    code: 'sremski',
    name: ['Sremski okrug', 'Сремски округ', 'Srem District'],
    places: [
      { code: 'sremska_mitrovica', name: ['Sremska Mitrovica', 'Сремска Митровица'], kind: 'city' },
      { code: 'sid', name: ['Šid', 'Шид'], kind: 'municipality' },
      { code: 'indjija', name: ['Inđija', 'Инђија'], kind: 'municipality' },
      { code: 'irig', name: ['Irig', 'Ириг'], kind: 'municipality' },
      { code: 'ruma', name: ['Ruma', 'Рума'], kind: 'municipality' },
      { code: 'stara_pazova', name: ['Stara Pazova', 'Стара Пазова'], kind: 'municipality' },
      { code: 'pecinci', name: ['Pećinci', 'Пећинци'], kind: 'municipality' },
    ],
  },
  {
    code: 'macvanski',
    name: ['Mačvanski okrug', 'Мачвански округ', 'Mačva District'],
    places: [
      { code: 'sabac', name: ['Šabac', 'Шабац'], kind: 'city' },
      { code: 'loznica', name: ['Loznica', 'Лозница'], kind: 'city' },
      { code: 'bogatic', name: ['Bogatić', 'Богатић'], kind: 'municipality' },
      { code: 'vladimirci', name: ['Vladimirci', 'Владимирци'], kind: 'municipality' },
      { code: 'koceljeva', name: ['Koceljeva', 'Коцељева'], kind: 'municipality' },
      { code: 'mali_zvornik', name: ['Mali Zvornik', 'Мали Зворник'], kind: 'municipality' },
      { code: 'krupanj', name: ['Krupanj', 'Крупањ'], kind: 'municipality' },
      { code: 'ljubovija', name: ['Ljubovija', 'Љубовија'], kind: 'municipality' },
    ],
  },
  {
    code: 'kolubarski',
    name: ['Kolubarski okrug', 'Колубарски округ', 'Kolubara District'],
    places: [
      { code: 'valjevo', name: ['Valjevo', 'Ваљево'], kind: 'city' },
      { code: 'osecina', name: ['Osečina', 'Осечина'], kind: 'municipality' },
      { code: 'ub', name: ['Ub', 'Уб'], kind: 'municipality' },
      { code: 'lajkovac', name: ['Lajkovac', 'Лајковац'], kind: 'municipality' },
      { code: 'mionica', name: ['Mionica', 'Мионица'], kind: 'municipality' },
      { code: 'ljig', name: ['Ljig', 'Љиг'], kind: 'municipality' },
    ],
  },
  {
    code: 'podunavski',
    name: ['Podunavski okrug', 'Подунавски округ', 'Podunavlje District'],
    places: [
      { code: 'smederevo', name: ['Smederevo', 'Смедерево'], kind: 'city' },
      { code: 'smederevska_palanka', name: ['Smederevska Palanka', 'Смедеревска Паланка'], kind: 'municipality' },
      { code: 'velika_plana', name: ['Velika Plana', 'Велика Плана'], kind: 'municipality' },
    ],
  },
  {
    code: 'branicevski',
    name: ['Braničevski okrug', 'Браничевски округ', 'Braničevo District'],
    places: [
      { code: 'pozarevac', name: ['Požarevac', 'Пожаревац'], kind: 'city' },
      { code: 'veliko_gradiste', name: ['Veliko Gradište', 'Велико Градиште'], kind: 'municipality' },
      { code: 'golubac', name: ['Golubac', 'Голубац'], kind: 'municipality' },
      { code: 'malo_crnice', name: ['Malo Crniće', 'Мало Црниће'], kind: 'municipality' },
      { code: 'zabari', name: ['Žabari', 'Жабари'], kind: 'municipality' },
      { code: 'petrovac_na_mlavi', name: ['Petrovac na Mlavi', 'Петровац на Млави'], kind: 'municipality' },
      { code: 'kucevo', name: ['Kučevo', 'Кучево'], kind: 'municipality' },
      { code: 'zagubica', name: ['Žagubica', 'Жагубица'], kind: 'municipality' },
    ],
  },
  {
    code: 'sumadijski',
    name: ['Šumadijski okrug', 'Шумадијски округ', 'Šumadija District'],
    places: [
      { code: 'kragujevac', name: ['Kragujevac', 'Крагујевац'], kind: 'city' },
      { code: 'arandjelovac', name: ['Aranđelovac', 'Аранђеловац'], kind: 'municipality' },
      { code: 'topola', name: ['Topola', 'Топола'], kind: 'municipality' },
      { code: 'raca', name: ['Rača', 'Рача'], kind: 'municipality' },
      { code: 'batocina', name: ['Batočina', 'Баточина'], kind: 'municipality' },
      { code: 'knic', name: ['Knić', 'Кнић'], kind: 'municipality' },
      { code: 'lapovo', name: ['Lapovo', 'Лапово'], kind: 'municipality' },
    ],
  },
  {
    code: 'pomoravski',
    name: ['Pomoravski okrug', 'Поморавски округ', 'Pomoravlje District'],
    places: [
      { code: 'jagodina', name: ['Jagodina', 'Јагодина'], kind: 'city' },
      { code: 'cuprija', name: ['Ćuprija', 'Ћуприја'], kind: 'municipality' },
      { code: 'paracin', name: ['Paraćin', 'Параћин'], kind: 'municipality' },
      { code: 'svilajnac', name: ['Svilajnac', 'Свилајнац'], kind: 'municipality' },
      { code: 'despotovac', name: ['Despotovac', 'Деспотовац'], kind: 'municipality' },
      { code: 'rekovac', name: ['Rekovac', 'Рековац'], kind: 'municipality' },
    ],
  },
  {
    code: 'borski',
    name: ['Borski okrug', 'Борски округ', 'Bor District'],
    places: [
      { code: 'bor', name: ['Bor', 'Бор'], kind: 'city' },
      { code: 'kladovo', name: ['Kladovo', 'Кладово'], kind: 'municipality' },
      { code: 'majdanpek', name: ['Majdanpek', 'Мајданпек'], kind: 'municipality' },
      { code: 'negotin', name: ['Negotin', 'Неготин'], kind: 'municipality' },
    ],
  },
  {
    code: 'zajecarski',
    name: ['Zaječarski okrug', 'Зајечарски округ', 'Zaječar District'],
    places: [
      { code: 'zajecar', name: ['Zaječar', 'Зајечар'], kind: 'city' },
      { code: 'boljevac', name: ['Boljevac', 'Бољевац'], kind: 'municipality' },
      { code: 'knjazevac', name: ['Knjaževac', 'Књажевац'], kind: 'municipality' },
      { code: 'sokobanja', name: ['Sokobanja', 'Сокобања'], kind: 'municipality' },
    ],
  },
  {
    code: 'zlatiborski',
    name: ['Zlatiborski okrug', 'Златиборски округ', 'Zlatibor District'],
    places: [
      { code: 'uzice', name: ['Užice', 'Ужице'], kind: 'city' },
      { code: 'bajina_basta', name: ['Bajina Bašta', 'Бајина Башта'], kind: 'municipality' },
      { code: 'kosjeric', name: ['Kosjerić', 'Косјерић'], kind: 'municipality' },
      { code: 'pozega', name: ['Požega', 'Пожега'], kind: 'municipality' },
      { code: 'cajetina', name: ['Čajetina', 'Чајетина'], kind: 'municipality' },
      { code: 'arilje', name: ['Arilje', 'Ариље'], kind: 'municipality' },
      { code: 'priboj', name: ['Priboj', 'Прибој'], kind: 'municipality' },
      { code: 'nova_varos', name: ['Nova Varoš', 'Нова Варош'], kind: 'municipality' },
      { code: 'prijepolje', name: ['Prijepolje', 'Пријепоље'], kind: 'municipality' },
      { code: 'sjenica', name: ['Sjenica', 'Сјеница'], kind: 'municipality' },
    ],
  },
  {
    code: 'moravicki',
    name: ['Moravički okrug', 'Моравички округ', 'Moravica District'],
    places: [
      { code: 'cacak', name: ['Čačak', 'Чачак'], kind: 'city' },
      { code: 'gornji_milanovac', name: ['Gornji Milanovac', 'Горњи Милановац'], kind: 'municipality' },
      { code: 'ivanjica', name: ['Ivanjica', 'Ивањица'], kind: 'municipality' },
      { code: 'lucani', name: ['Lučani', 'Лучани'], kind: 'municipality' },
    ],
  },
  {
    code: 'raski',
    name: ['Raški okrug', 'Рашки округ', 'Raška District'],
    places: [
      { code: 'kraljevo', name: ['Kraljevo', 'Краљево'], kind: 'city' },
      { code: 'novi_pazar', name: ['Novi Pazar', 'Нови Пазар'], kind: 'city' },
      { code: 'vrnjacka_banja', name: ['Vrnjačka Banja', 'Врњачка Бања'], kind: 'municipality' },
      { code: 'raska', name: ['Raška', 'Рашка'], kind: 'municipality' },
      { code: 'tutin', name: ['Tutin', 'Тутин'], kind: 'municipality' },
    ],
  },
  {
    code: 'rasinski',
    name: ['Rasinski okrug', 'Расински округ', 'Rasina District'],
    places: [
      { code: 'krusevac', name: ['Kruševac', 'Крушевац'], kind: 'city' },
      { code: 'varvarin', name: ['Varvarin', 'Варварин'], kind: 'municipality' },
      { code: 'trstenik', name: ['Trstenik', 'Трстеник'], kind: 'municipality' },
      { code: 'cicevac', name: ['Ćićevac', 'Ћићевац'], kind: 'municipality' },
      { code: 'aleksandrovac', name: ['Aleksandrovac', 'Александровац'], kind: 'municipality' },
      { code: 'brus', name: ['Brus', 'Брус'], kind: 'municipality' },
    ],
  },
  {
    code: 'nisavski',
    name: ['Nišavski okrug', 'Нишавски округ', 'Nišava District'],
    places: [
      { code: 'nis', name: ['Niš', 'Ниш'], kind: 'city' },
      { code: 'aleksinac', name: ['Aleksinac', 'Алексинац'], kind: 'municipality' },
      { code: 'svrljig', name: ['Svrljig', 'Сврљиг'], kind: 'municipality' },
      { code: 'merosina', name: ['Merošina', 'Мерошина'], kind: 'municipality' },
      { code: 'razanj', name: ['Ražanj', 'Ражањ'], kind: 'municipality' },
      { code: 'doljevac', name: ['Doljevac', 'Дољевац'], kind: 'municipality' },
      { code: 'gadzin_han', name: ['Gadžin Han', 'Гаџин Хан'], kind: 'municipality' },
    ],
  },
  {
    code: 'toplicki',
    name: ['Toplički okrug', 'Топлички округ', 'Toplica District'],
    places: [
      { code: 'prokuplje', name: ['Prokuplje', 'Прокупље'], kind: 'city' },
      { code: 'blace', name: ['Blace', 'Блаце'], kind: 'municipality' },
      { code: 'kursumlija', name: ['Kuršumlija', 'Куршумлија'], kind: 'municipality' },
      { code: 'zitoradja', name: ['Žitorađa', 'Житорађа'], kind: 'municipality' },
    ],
  },
  {
    code: 'pirotski',
    name: ['Pirotski okrug', 'Пиротски округ', 'Pirot District'],
    places: [
      { code: 'pirot', name: ['Pirot', 'Пирот'], kind: 'city' },
      { code: 'bela_palanka', name: ['Bela Palanka', 'Бела Паланка'], kind: 'municipality' },
      { code: 'babusnica', name: ['Babušnica', 'Бабушница'], kind: 'municipality' },
      { code: 'dimitrovgrad', name: ['Dimitrovgrad', 'Димитровград'], kind: 'municipality' },
    ],
  },
  {
    code: 'jablanicki',
    name: ['Jablanički okrug', 'Јабланички округ', 'Jablanica District'],
    places: [
      { code: 'leskovac', name: ['Leskovac', 'Лесковац'], kind: 'city' },
      { code: 'bojnik', name: ['Bojnik', 'Бојник'], kind: 'municipality' },
      { code: 'lebane', name: ['Lebane', 'Лебане'], kind: 'municipality' },
      { code: 'medvedja', name: ['Medveđa', 'Медвеђа'], kind: 'municipality' },
      { code: 'vlasotince', name: ['Vlasotince', 'Власотинце'], kind: 'municipality' },
      { code: 'crna_trava', name: ['Crna Trava', 'Црна Трава'], kind: 'municipality' },
    ],
  },
  {
    code: 'pcinjski',
    name: ['Pčinjski okrug', 'Пчињски округ', 'Pčinja District'],
    places: [
      { code: 'vranje', name: ['Vranje', 'Врање'], kind: 'city' },
      { code: 'vladicin_han', name: ['Vladičin Han', 'Владичин Хан'], kind: 'municipality' },
      { code: 'surdulica', name: ['Surdulica', 'Сурдулица'], kind: 'municipality' },
      { code: 'bosilegrad', name: ['Bosilegrad', 'Босилеград'], kind: 'municipality' },
      { code: 'trgoviste', name: ['Trgovište', 'Трговиште'], kind: 'municipality' },
      { code: 'bujanovac', name: ['Bujanovac', 'Бујановац'], kind: 'municipality' },
      { code: 'presevo', name: ['Preševo', 'Прешево'], kind: 'municipality' },
    ],
  },
  {
    code: 'kosovski',
    name: ['Kosovski okrug', 'Косовски округ', 'Kosovo District'],
    places: [
      { code: 'pristina', name: ['Priština', 'Приштина'], kind: 'city' },
      { code: 'obilic', name: ['Obilić', 'Обилић'], kind: 'municipality' },
      { code: 'kosovo_polje', name: ['Kosovo Polje', 'Косово Поље'], kind: 'municipality' },
      { code: 'lipljan', name: ['Lipljan', 'Липљан'], kind: 'municipality' },
      { code: 'podujevo', name: ['Podujevo', 'Подујево'], kind: 'municipality' },
      { code: 'glogovac', name: ['Glogovac', 'Глоговац'], kind: 'municipality' },
      { code: 'stimlje', name: ['Štimlje', 'Штимље'], kind: 'municipality' },
      { code: 'strpce', name: ['Štrpce', 'Штрпце'], kind: 'municipality' },
      { code: 'urosevac', name: ['Uroševac', 'Урошевац'], kind: 'municipality' },
      { code: 'kacanik', name: ['Kačanik', 'Качаник'], kind: 'municipality' },
    ],
  },
  {
    code: 'pecki',
    name: ['Pećki okrug', 'Пећки округ', 'Peć District'],
    places: [
      { code: 'pec', name: ['Peć', 'Пећ'], kind: 'city' },
      { code: 'djakovica', name: ['Đakovica', 'Ђаковица'], kind: 'city' },
      { code: 'istok', name: ['Istok', 'Исток'], kind: 'municipality' },
      { code: 'klina', name: ['Klina', 'Клина'], kind: 'municipality' },
      { code: 'decani', name: ['Dečani', 'Дечани'], kind: 'municipality' },
    ],
  },
  {
    code: 'prizrenski',
    name: ['Prizrenski okrug', 'Призренски округ', 'Prizren District'],
    places: [
      { code: 'prizren', name: ['Prizren', 'Призрен'], kind: 'city' },
      { code: 'suva_reka', name: ['Suva Reka', 'Сува Река'], kind: 'municipality' },
      { code: 'orahovac', name: ['Orahovac', 'Ораховац'], kind: 'municipality' },
      { code: 'gora', name: ['Gora', 'Гора'], kind: 'municipality' },
    ],
  },
  {
    code: 'kosovskomitrovacki',
    name: ['Kosovsko-mitrovački okrug', 'Косовско-митровачки округ', 'Kosovska Mitrovica District'],
    places: [
      { code: 'kosovska_mitrovica', name: ['Kosovska Mitrovica', 'Косовска Митровица'], kind: 'city' },
      { code: 'zvecan', name: ['Zvečan', 'Звечан'], kind: 'municipality' },
      { code: 'zubin_potok', name: ['Zubin Potok', 'Зубин Поток'], kind: 'municipality' },
      { code: 'leposavic', name: ['Leposavić', 'Лепосавић'], kind: 'municipality' },
      { code: 'vucitrn', name: ['Vučitrn', 'Вучитрн'], kind: 'municipality' },
      { code: 'srbica', name: ['Srbica', 'Србица'], kind: 'municipality' },
    ],
  },
  {
    code: 'kosovskopomoravski',
    name: ['Kosovsko-pomoravski okrug', 'Косовско-поморавски округ', 'Kosovo-Pomoravlje District'],
    places: [
      { code: 'gnjilane', name: ['Gnjilane', 'Гњилане'], kind: 'city' },
      { code: 'kosovska_kamenica', name: ['Kosovska Kamenica', 'Косовска Каменица'], kind: 'municipality' },
      { code: 'novo_brdo', name: ['Novo Brdo', 'Ново Брдо'], kind: 'municipality' },
      { code: 'vitina', name: ['Vitina', 'Витина'], kind: 'municipality' },
    ],
  },
];
