nav-inspectors = Учаскелік инспекторды табу
home-search-label = Сіз қайдасыз? Мекенжай, шағын аудан немесе бағдар
home-search-submit = Бекет пен учаскелік инспекторды табу
home-answers-title = Жақын маңда: { $place }
home-nearest-open = Қазір ашық ең жақын бекет
home-my-inspector = Сіздің учаскелік инспекторыңыз
home-inspectors-title = Учаскелік инспекторыңызды табу
home-inspectors-text = Мекенжайыңызға кім қызмет көрсетеді, онымен қалай байланысуға болады, азаматтарды қайда және қашан қабылдайды.

inspectors-find-title = Учаскелік инспекторды табу
inspectors-find-heading = Өз учаскелік инспекторыңызды табыңыз
inspectors-find-lead = Мекенжайды көрсетіңіз, біз оған қызмет көрсететін учаскелік инспекторды көрсетеміз: телефоны, қабылдау пункті және қабылдау уақыты.
inspectors-find-submit = Учаскелік инспекторды табу
inspectors-directory-link = Барлық учаскелік инспекторлар
inspectors-answer-title = Учаскелік инспектор: { $place }
inspectors-no-beat = Бұл орын ешбір учаскелік инспектордың учаскесіне кірмейді. Ең жақын учаскелердің учаскелік инспекторлары көмектеседі: оларға қоңырау шалыңыз немесе қабылдауына келіңіз.
inspectors-back = ← Барлық учаскелік инспекторлар
inspectors-directory-title = Учаскелік инспекторлар
inspectors-directory-q-label = Тегі, учаске нөмірі немесе көше
inspectors-directory-q-hint = Мысалы: Сейітов · 12 · Сәтбаев
inspectors-directory-submit = Іздеу
inspectors-find-link = Мекенжай бойынша табу
inspectors-directory-count = { $count } инспектор
inspectors-col-name = Аты-жөні
inspectors-col-beats = Учаскелер
inspectors-col-phone = Телефон
inspectors-error-page = Бет нөмірі жарамсыз.
pager-label = Беттер
pager-prev = ← Артқа
pager-next = Келесі →
pager-position = { $page }-бет

inspector-photo-alt = Фото: { $name }
inspector-reception-point = Қабылдау пункті
inspector-reception-hours = Азаматтарды қабылдау уақыты
inspector-beat-number = № { $number } учаске
inspector-receiving-now = { $when ->
        [today] Қазір қабылдап жатыр, { time-to } дейін
        [tomorrow] Қазір қабылдап жатыр, ертең { time-to } дейін
        [weekday] Қазір қабылдап жатыр, { day-until } { time-to } дейін
       *[date] Қазір қабылдап жатыр, { $date } { time-to } дейін
    }
inspector-receiving-always = Қазір қабылдап жатыр
inspector-next-reception = { $when ->
        [today] Келесі қабылдау бүгін { time-at }
        [tomorrow] Келесі қабылдау ертең { time-at }
        [weekday] Келесі қабылдау { day-on } { time-at }
       *[date] Келесі қабылдау { $date } { time-at }
    }
inspector-no-reception = Қабылдау уақыты көрсетілмеген
inspector-substitute-note = Учаскелік инспектор болмаған кезде № { $beat } учаскеге уақытша қызмет көрсетеді, { $until } дейін.

rank-lieutenant = полиция лейтенанты
rank-senior-lieutenant = полиция аға лейтенанты
rank-captain = полиция капитаны
rank-major = полиция майоры
rank-lieutenant-colonel = полиция подполковнигі
rank-other = полиция қызметкері
position-district-inspector = учаскелік полиция инспекторы
position-senior-district-inspector = аға учаскелік полиция инспекторы
inspectors-nearest-title = Ең жақын учаскелік инспекторлар: { $place }
inspectors-nearest-points = Ең жақын учаскелік полиция пункттері
