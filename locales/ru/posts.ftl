form-error-summary = Есть ошибки

posts-title = Найти пункт полиции
posts-heading = Найти ближайший пункт полиции
posts-lead = Введите адрес, микрорайон или ориентир либо укажите координаты. Мы покажем ближайшие пункты, открыты ли они сейчас и как до них добраться.
posts-results-title = Пункты полиции рядом: { $place }
location-q-label = Адрес, микрорайон или ориентир
location-q-hint = Например: улица Сатпаева, 12 · Авангард · Центральный рынок
location-use-mine = Определить моё местоположение
location-geo-error = Не удалось определить ваше местоположение. Введите адрес.
location-coords-summary = Поиск по координатам
location-lat-label = Широта
location-lon-label = Долгота
posts-kind-label = Тип пункта
posts-kind-any = Любой тип
posts-open-now-label = Только открытые сейчас
posts-submit = Найти
location-choose = Подходит несколько мест. Выберите своё:
location-not-found = По запросу «{ $query }» ничего не найдено. Проверьте написание, попробуйте соседнюю улицу или ориентир либо укажите координаты.
posts-none = Рядом нет пунктов с такими условиями. Попробуйте без «открыто сейчас» или с другим типом.
posts-open-in-maps = Открыть в картах
posts-directions = Пеший маршрут
posts-planned-title = Планируемые пункты рядом
posts-planned-hint = Эти пункты запланированы или строятся. Граждан они пока не принимают.

post-back = ← Найти другой пункт
post-address = Адрес
post-phones = Телефон
post-services = Услуги
post-on-osm = Показать на OpenStreetMap
post-hours = Часы работы
post-exceptions = Особые даты
post-updated = Сведения обновлены { $date }
hours-closed = Закрыто
hours-every-day = Ежедневно
hours-24h = Круглосуточно

kind-modular-post = Круглосуточный модульный пост
kind-stationary-post = Стационарный пост
kind-inspector-point = Участковый пункт полиции
kind-police-department = Отдел полиции
status-open = Работает
status-planned = Планируется
status-under-construction = Строится
status-temporarily-closed = Временно закрыт
place-street = улица
place-house = дом
place-microdistrict = микрорайон
place-landmark = ориентир
service-receiving-residents = Приём граждан
service-video-surveillance = Видеонаблюдение
service-emergency-call-button = Кнопка экстренного вызова
service-first-aid-kit = Аптечка первой помощи
service-help-for-lost-children = Помощь потерявшимся детям

posts-error-kind = Выберите тип пункта из списка.
posts-error-lat-number = Введите широту числом, например 47,1167.
posts-error-lon-number = Введите долготу числом, например 51,8833.
posts-error-lat-range = Широта должна быть от -90 до 90.
posts-error-lon-range = Долгота должна быть от -180 до 180.
posts-error-coords-incomplete = Введите и широту, и долготу.
location-error-place = Выбранное место недействительно. Повторите поиск.
location-error-too-long = Адрес слишком длинный. Не более 200 символов.
location-error-no-letters = Введите адрес буквами или цифрами.

api-error-malformed-query = Строка запроса составлена неверно.
api-error-not-found = Такого ресурса API нет.
api-error-coordinates-required = Нужны оба параметра: lat и lon.
api-error-limit = limit должен быть целым числом от 1 до 50.
api-error-open-now = open_now должен быть 1 или 0.

distance-m = { $m } м
distance-km = { $km } км
walk-minutes = { $min } мин пешком
day-mon = Понедельник
day-tue = Вторник
day-wed = Среда
day-thu = Четверг
day-fri = Пятница
day-sat = Суббота
day-sun = Воскресенье
# The hours sentences take: $when (today, tomorrow, weekday, date), $day (mon…sun), $time,
# $date. Whole sentences per case, so that prepositions and cases agree.
# The time with a Kazakh case ending; plain here.
time-to = { $time }
time-at = { $time }
day-on = { $day ->
        [mon] в понедельник
        [tue] во вторник
        [wed] в среду
        [thu] в четверг
        [fri] в пятницу
        [sat] в субботу
       *[sun] в воскресенье
    }
day-until = { $day ->
        [mon] понедельника
        [tue] вторника
        [wed] среды
        [thu] четверга
        [fri] пятницы
        [sat] субботы
       *[sun] воскресенья
    }
badge-open-24h = Открыто круглосуточно
badge-open-until = { $when ->
        [today] Открыто до { $time }
        [tomorrow] Открыто до завтра, { $time }
        [weekday] Открыто до { day-until }, { $time }
       *[date] Открыто до { $date }, { $time }
    }
badge-closed-opens = { $when ->
        [today] Закрыто, откроется в { $time }
        [tomorrow] Закрыто, откроется завтра в { $time }
        [weekday] Закрыто, откроется { day-on } в { $time }
       *[date] Закрыто, откроется { $date } в { $time }
    }
badge-closed = Закрыто
map-attribution = © участники OpenStreetMap
map-you = Вы здесь
map-no-tiles = Подложку карты загрузить не удалось (нет связи с сервером карт). Точки по-прежнему показывают места; всё, что есть на карте, написано и на этой странице.
map-legend-post = Пункт полиции
map-legend-future = Строящийся или планируемый пункт
map-legend-beat = Граница участка
map-zoom-in = Приблизить
map-zoom-out = Отдалить
