form-error-summary = Қателер бар

posts-title = Полиция бекетін табу
posts-heading = Ең жақын полиция бекетін табу
posts-lead = Мекенжайды, шағын ауданды немесе бағдарды енгізіңіз не координаттарды көрсетіңіз. Біз ең жақын бекеттерді, олардың қазір ашық екенін және оларға қалай жетуге болатынын көрсетеміз.
posts-results-title = Жақын маңдағы полиция бекеттері: { $place }
location-q-label = Мекенжай, шағын аудан немесе бағдар
location-q-hint = Мысалы: Сәтбаев көшесі, 12 · Авангард · Орталық базар
location-use-mine = Менің орнымды анықтау
location-geo-error = Орналасқан жеріңізді анықтау мүмкін болмады. Мекенжайды енгізіңіз.
location-coords-summary = Координаттар бойынша іздеу
location-lat-label = Ендік
location-lon-label = Бойлық
posts-kind-label = Бекет түрі
posts-kind-any = Кез келген түрі
posts-open-now-label = Тек қазір ашықтары
posts-submit = Табу
location-choose = Бірнеше орын сәйкес келеді. Өзіңіздікін таңдаңыз:
location-not-found = «{ $query }» бойынша ештеңе табылмады. Жазылуын тексеріңіз, көрші көшені немесе бағдарды көріңіз не координаттарды көрсетіңіз.
posts-none = Жақын маңда мұндай шарттарға сай бекет жоқ. «Қазір ашық» белгісінсіз немесе басқа түрмен көріңіз.
posts-open-in-maps = Картадан ашу
posts-directions = Жаяу бағыт
posts-planned-title = Жақын маңдағы жоспарланған бекеттер
posts-planned-hint = Бұл бекеттер жоспарланған немесе салынып жатыр. Олар әзірге азаматтарды қабылдамайды.

post-back = ← Басқа бекетті табу
post-address = Мекенжай
post-phones = Телефон
post-services = Қызметтер
post-on-osm = OpenStreetMap картасында көрсету
post-hours = Жұмыс уақыты
post-exceptions = Ерекше күндер
post-updated = Мәліметтер жаңартылған күн: { $date }
hours-closed = Жабық
hours-every-day = Күн сайын
hours-24h = Тәулік бойы

kind-modular-post = Тәулік бойғы модульдік бекет
kind-stationary-post = Стационарлық бекет
kind-inspector-point = Учаскелік полиция пункті
kind-police-department = Полиция бөлімі
status-open = Жұмыс істейді
status-planned = Жоспарланған
status-under-construction = Салынып жатыр
status-temporarily-closed = Уақытша жабық
place-street = көше
place-house = үй
place-microdistrict = шағын аудан
place-landmark = бағдар
service-receiving-residents = Азаматтарды қабылдау
service-video-surveillance = Бейнебақылау
service-emergency-call-button = Шұғыл шақыру түймесі
service-first-aid-kit = Алғашқы көмек қобдишасы
service-help-for-lost-children = Адасқан балаларға көмек

posts-error-kind = Тізімнен бекет түрін таңдаңыз.
posts-error-lat-number = Ендікті санмен енгізіңіз, мысалы 47,1167.
posts-error-lon-number = Бойлықты санмен енгізіңіз, мысалы 51,8833.
posts-error-lat-range = Ендік -90 пен 90 аралығында болуы керек.
posts-error-lon-range = Бойлық -180 мен 180 аралығында болуы керек.
posts-error-coords-incomplete = Ендікті де, бойлықты да енгізіңіз.
location-error-place = Таңдалған орын жарамсыз. Қайта іздеңіз.
location-error-too-long = Мекенжай тым ұзын. 200 таңбадан аспауы керек.
location-error-no-letters = Мекенжайды әріптермен немесе сандармен енгізіңіз.

api-error-malformed-query = Сұрау жолы қате құрастырылған.
api-error-not-found = Мұндай API ресурсы жоқ.
api-error-coordinates-required = lat және lon параметрлерінің екеуі де қажет.
api-error-limit = limit 1-ден 50-ге дейінгі бүтін сан болуы керек.
api-error-open-now = open_now мәні 1 немесе 0 болуы керек.

distance-m = { $m } м
distance-km = { $km } км
walk-minutes = жаяу { $min } мин
day-mon = Дүйсенбі
day-tue = Сейсенбі
day-wed = Сәрсенбі
day-thu = Бейсенбі
day-fri = Жұма
day-sat = Сенбі
day-sun = Жексенбі
# Уақыт сөйлемдерінің аргументтері: $when (today, tomorrow, weekday, date), $day (mon…sun),
# $time, $date және $sound — уақыттың соңғы сөзінің дыбысы (13:00 «үш» → -ке/-те, 18:30 «отыз»
# → -ға/-да), сондықтан септік жалғауы дұрыс жалғанады.
time-to = { $time }-{ $sound ->
        [back-voiced] ға
        [front-voiced] ге
        [back-voiceless] қа
       *[front-voiceless] ке
    }
time-at = { $time }-{ $sound ->
        [back-voiced] да
        [front-voiced] де
        [back-voiceless] та
       *[front-voiceless] те
    }
day-on = { $day ->
        [mon] дүйсенбі
        [tue] сейсенбі
        [wed] сәрсенбі
        [thu] бейсенбі
        [fri] жұма
        [sat] сенбі
       *[sun] жексенбі
    } күні
day-until = { $day ->
        [mon] дүйсенбі
        [tue] сейсенбі
        [wed] сәрсенбі
        [thu] бейсенбі
        [fri] жұма
        [sat] сенбі
       *[sun] жексенбі
    } күні
badge-open-24h = Тәулік бойы ашық
badge-open-until = { $when ->
        [today] { time-to } дейін ашық
        [tomorrow] Ертең { time-to } дейін ашық
        [weekday] Ашық: { day-until } { time-to } дейін
       *[date] Ашық: { $date } { time-to } дейін
    }
badge-closed-opens = { $when ->
        [today] Жабық, { time-at } ашылады
        [tomorrow] Жабық, ертең { time-at } ашылады
        [weekday] Жабық, { day-on } { time-at } ашылады
       *[date] Жабық, { $date } { time-at } ашылады
    }
badge-closed = Жабық
map-attribution = © OpenStreetMap қатысушылары
map-you = Сіз осындасыз
map-no-tiles = Карта негізі жүктелмеді (карта серверімен байланыс жоқ). Нүктелер орындарды бәрібір көрсетеді; картадағының бәрі осы бетте де жазылған.
map-legend-post = Полиция бекеті
map-legend-future = Салынып жатқан немесе жоспарланған бекет
map-legend-beat = Учаске шекарасы
map-zoom-in = Жақындату
map-zoom-out = Алыстату
