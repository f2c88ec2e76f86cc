nav-inspectors = Найти участкового инспектора
home-search-label = Где вы? Адрес, микрорайон или ориентир
home-search-submit = Найти пункт и участкового инспектора
home-answers-title = Рядом: { $place }
home-nearest-open = Ближайший открытый сейчас пункт
home-my-inspector = Ваш участковый инспектор
home-inspectors-title = Найти своего участкового инспектора
home-inspectors-text = Кто обслуживает ваш адрес, как с ним связаться, где и когда он принимает граждан.

inspectors-find-title = Найти участкового инспектора
inspectors-find-heading = Найти своего участкового инспектора
inspectors-find-lead = Укажите адрес, и мы покажем участкового инспектора, который его обслуживает: телефон, пункт приёма и часы приёма.
inspectors-find-submit = Найти участкового инспектора
inspectors-directory-link = Все участковые инспекторы
inspectors-answer-title = Участковый инспектор: { $place }
inspectors-no-beat = Это место не входит ни в один участок. Вам помогут участковые инспекторы ближайших участков: позвоните им или приходите на приём.
inspectors-back = ← Все участковые инспекторы
inspectors-directory-title = Участковые инспекторы
inspectors-directory-q-label = Фамилия, номер участка или улица
inspectors-directory-q-hint = Например: Сеитов · 12 · Сатпаева
inspectors-directory-submit = Искать
inspectors-find-link = Найти по адресу
inspectors-directory-count = { $count ->
    [one] { $count } инспектор
    [few] { $count } инспектора
   *[other] { $count } инспекторов
}
inspectors-col-name = Ф. И. О.
inspectors-col-beats = Участки
inspectors-col-phone = Телефон
inspectors-error-page = Неверный номер страницы.
pager-label = Страницы
pager-prev = ← Назад
pager-next = Далее →
pager-position = Страница { $page }

inspector-photo-alt = Фото: { $name }
inspector-reception-point = Пункт приёма
inspector-reception-hours = Часы приёма граждан
inspector-beat-number = Участок № { $number }
inspector-receiving-now = { $when ->
        [today] Сейчас ведёт приём, до { $time }
        [tomorrow] Сейчас ведёт приём, до завтра, { $time }
        [weekday] Сейчас ведёт приём, до { day-until }, { $time }
       *[date] Сейчас ведёт приём, до { $date }, { $time }
    }
inspector-receiving-always = Сейчас ведёт приём
inspector-next-reception = { $when ->
        [today] Следующий приём сегодня в { $time }
        [tomorrow] Следующий приём завтра в { $time }
        [weekday] Следующий приём { day-on } в { $time }
       *[date] Следующий приём { $date } в { $time }
    }
inspector-no-reception = Часы приёма не указаны
inspector-substitute-note = Временно обслуживает участок № { $beat } на время отсутствия участкового инспектора, до { $until }.

rank-lieutenant = лейтенант полиции
rank-senior-lieutenant = старший лейтенант полиции
rank-captain = капитан полиции
rank-major = майор полиции
rank-lieutenant-colonel = подполковник полиции
rank-other = сотрудник полиции
position-district-inspector = участковый инспектор полиции
position-senior-district-inspector = старший участковый инспектор полиции
inspectors-nearest-title = Ближайшие участковые инспекторы: { $place }
inspectors-nearest-points = Ближайшие участковые пункты полиции
