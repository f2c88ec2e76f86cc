# Учаскелер, олардың өмірі және қабылдауға жазылу
beats-title = Учаскелер
beats-q-label = Учаске нөмірі, көше немесе бағдар
beats-q-hint = Мысалы, 5, Абай немесе Орталық базар
beats-search = Іздеу
beats-count = { $count } учаске
beats-back = ← Барлық учаскелер
beat-book = Инспектордың қабылдауына жазылу
beat-no-inspector = Қазір учаскеге учаскелік полиция инспекторы бекітілмеген; 102 нөміріне қоңырау шалыңыз немесе жақын полиция пунктіне барыңыз.
beat-streets = Көшелер мен бағдарлар
beat-priorities = Учаскенің басымдықтары
beat-no-priorities = Бұл учаске үшін басымдықтар жарияланбаған.
beat-priority-action = Не істелуде
beat-priority-from = { $date } бастап
beat-meetings = Тұрғындармен кездесулер және есептер
beat-no-meetings = Кездесулер әзірге жоспарланбаған.
beat-last-report = Учаскелік инспектор тұрғындар алдында соңғы рет { $date } есеп берді.
beat-no-report = Соңғы 12 айда учаскелік инспектор тұрғындар алдында есеп бермеген.
beat-calendar = Учаске кездесулерін күнтізбеге қосу (.ics)
beat-figures = Соңғы 12 айдағы өтініштер
beat-statistics-link = Учаскенің ай сайынғы көрсеткіштері
beat-substitute-until = { $until } дейін учаскеге алмастырушы инспектор қызмет көрсетеді.
beat-meeting-kind-meeting = Тұрғындармен кездесу
beat-meeting-kind-report = Учаскелік полиция инспекторының тұрғындар алдындағы есебі
beat-calendar-name = { $beat }: кездесулер
beat-calendar-description = { $beat }, Атырау полициясы
beat-page-link = { $number } учаске беті
beat-error-text = Кем дегенде бір тілде жазыңыз
beat-error-ends-before = Аяқталуы басталуынан бұрын
booking-title = Учаскелік полиция инспекторының қабылдауына жазылу
booking-lead = Алдағы 14 күндегі бос уақытты таңдаңыз. Жазылу 2 сағат бұрын жабылады.
booking-taken-lead = Бұл уақытты жаңа ғана басқа тұрғын алды. Міне, жақын бос уақыттар; енгізгеніңіз сақталды.
booking-slot-legend = Бос уақыт
booking-no-slots = Алдағы 14 күнде бос уақыт жоқ. Инспекторға қоңырау шалыңыз немесе қабылдау сағаттарында келіңіз.
booking-phone-hint = Уақытты ауыстыру қажет болса, инспектор осы нөмірге қоңырау шалады
booking-email-label = Электрондық пошта (міндетті емес, растау мен еске салу үшін)
booking-topic-label = Нені талқылағыңыз келеді?
booking-topic-hint = Бірнеше сөз жеткілікті
booking-consent-label = Атым, телефоным және тақырыбым қабылдауды ұйымдастыру үшін пайдаланылуына келісемін
booking-submit = Осы уақытқа жазылу
booking-error-topic = Нені талқылағыңыз келетінін бірнеше сөзбен жазыңыз
booking-error-taken = Бұл уақытты жаңа ғана алды: басқасын таңдаңыз
booking-error-slot = Уақытты таңдаңыз
booking-error-limit = Сізде алдағы 2 жазылу бар; тағы жазылу үшін біреуін болдырмаңыз
booking-done-title = Сіздің қабылдауға жазылуыңыз
booking-done-lead = Сіз жазылдыңыз. Бұл бетті сақтаңыз: оның сілтемесі арқылы жазылуды болдырмауға болады.
booking-done-past = Бұл қабылдау өтіп кетті.
booking-cancelled-title = Жазылу болдырылмады
booking-cancelled-text = Сіз бұл жазылуды болдырмадыңыз.
booking-cancelled-by-staff = Полиция бұл жазылуды болдырмады: { $reason }
booking-cancel-title = Жазылуды болдырмау керек пе?
booking-reference = Жазылу
booking-when = Қашан
booking-with = Кімге
booking-where = Қайда
booking-ics = Күнтізбеге қосу (.ics)
booking-cancel-question = Бұл уақыт басқа тұрғындар үшін босайды.
booking-cancel-button = Жазылуды болдырмау
booking-cancel-link = Бұл жазылуды болдырмау
booking-calendar-summary = Қабылдау: { $inspector }
booking-calendar-description = { $reference } жазылуы, Атырау полициясы
booking-mail-confirmed-subject = Қабылдауға жазылуыңыз { $when } ({ $reference })
booking-mail-confirmed = Сіз { $when } { $inspector } қабылдауына жазылдыңыз, орны: { $place }.

    Сіздің жазылуыңыз: { $link }
    Күнтізбеге қосу: { $ics }
    Келе алмасаңыз, уақыт басқаға тиюі үшін жазылуды болдырмаңыз: { $cancel }
booking-sms-confirmed = Қабылдау { $when }, { $inspector }. Толығырақ және болдырмау: { $link }
booking-mail-reminder-subject = Ертең: сіздің қабылдауыңыз { $when }
booking-mail-reminder = Еске саламыз: ертең, { $when }, { $inspector } қабылдауы, орны: { $place }.

    Келе алмасаңыз, жазылуды болдырмаңыз: { $cancel }
booking-sms-reminder = Ертең { $when }: қабылдау, { $inspector }. Болдырмау: { $cancel }
booking-mail-cancelled-subject = { $when } қабылдауыңыз болдырылмады
booking-mail-cancelled = Полиция { $when } { $inspector } қабылдауыңызды болдырмады: { $reason }

    Басқа уақытқа учаске бетінде жазылуға болады.
booking-sms-cancelled = { $when } қабылдауыңыз болдырылмады: { $reason }
