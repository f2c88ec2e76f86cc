# Администраторы ведут справочник
admin-posts = Пункты полиции
admin-post-new = Добавить пункт
admin-posts-search = Название или адрес
admin-post-status = Состояние
admin-post-name = Название
admin-post-address = Адрес
admin-updated = Изменено
admin-posts-none = Подходящих пунктов нет.
admin-post-edit = Изменение: { $name }
admin-posts-back = ← Все пункты
admin-saved = Сохранено. Публичные страницы уже показывают изменение.
admin-post-public = Открыть публичную страницу
admin-conflict-title = Этот пункт изменил кто-то другой
admin-conflict-text = Другой администратор сохранил этот пункт в { $at }, уже после того как вы его открыли. Его версия ниже, она не перезаписана; ваши изменения остались в форме. Проверьте их и сохраните ещё раз, чтобы заменить его версию.
admin-post-name-kk = Название на казахском
admin-post-name-ru = Название на русском
admin-post-name-en = Название на английском
admin-post-address-kk = Адрес на казахском
admin-post-address-ru = Адрес на русском
admin-post-address-en = Адрес на английском
admin-post-location = Где находится
admin-post-location-hint = Укажите координаты или оставьте их пустыми и укажите адрес либо ориентир из справочника мест.
admin-post-place = Адрес или ориентир из справочника мест
admin-post-map-hint = Или нажмите на карту, чтобы задать координаты.
admin-post-phones = Телефоны
admin-post-phones-hint = По одному в строке, например +7 7122 20-20-20.
admin-post-hours = Часы работы
admin-post-hours-hint = Как в файлах импорта: 24/7 или Mo-Fr 09:00-18:00; Sa 10:00-14:00, и особые даты, например 2026-12-16 off или 2026-12-31 10:00-15:00.
admin-hours-preview-button = Показать неделю
admin-hours-preview = Неделя, как её увидят жители
admin-hours-unreadable = Эти часы пока не распознаны. Запишите их, как в подсказке выше.
admin-post-services = Услуги
admin-post-living = Жилое помещение для участкового инспектора
admin-post-living-hint = Видно только сотрудникам, на публичных страницах не показывается.
admin-save = Сохранить
admin-error-required = Заполните это поле.
admin-error-too-long = Слишком длинно: не более 300 символов.
admin-error-choose = Выберите значение из списка.
admin-error-location = Укажите координаты либо адрес или ориентир из справочника мест.
admin-error-phones = Каждый телефон — с новой строки, только цифры, пробелы и + - ( ).
admin-error-hours = Запишите часы, как в подсказке: 24/7 или Mo-Fr 09:00-18:00; Sa 10:00-14:00.
admin-error-place-unknown = В справочнике мест нет такого названия. Проверьте его или укажите координаты.
admin-error-place-ambiguous = Подходит несколько мест. Напишите полное название или укажите координаты.

# Учётные записи сотрудников
admin-accounts = Сотрудники
admin-account-name = Имя
admin-account-role = Роль
admin-account-state = Состояние
admin-account-sessions = Открытые сеансы
admin-account-actions = Действия
admin-account-you = вы
admin-account-active = Действует
admin-account-pending = Приглашён, пароль ещё не задан
admin-account-disabled = Отключена
admin-account-make-admin = Сделать администратором
admin-account-make-moderator = Сделать модератором
admin-account-disable = Отключить
admin-account-enable = Включить
admin-account-end-sessions = Завершить все сеансы
admin-account-new-link = Новая ссылка для входа
admin-account-done-role = Роль изменена; новая роль действует после повторного входа.
admin-account-done-disable = Учётная запись отключена, её сеансы завершены.
admin-account-done-enable = Учётная запись включена.
admin-account-done-sessions = Все сеансы учётной записи завершены.
admin-account-reset-two-factor = Сбросить двухфакторный вход
admin-account-done-two-factor = Двухфакторный вход этой учётной записи выключен, её сеансы завершены; при следующем входе его настроят заново, если он обязателен.
admin-account-last-admin = Это последний действующий администратор: его нельзя отключить или сделать модератором. Сначала назначьте администратором другого сотрудника.
admin-invite-title = Пригласить сотрудника
admin-invite = Создать ссылку-приглашение
admin-invitation-for = Ссылка-приглашение для { $email }
admin-invitation-text = { $hours ->
    [one] Отправьте эту ссылку сотруднику сами. Она действует один раз, { $hours } час; по ней он задаёт свой пароль. Ссылка показывается только сейчас.
    [few] Отправьте эту ссылку сотруднику сами. Она действует один раз, { $hours } часа; по ней он задаёт свой пароль. Ссылка показывается только сейчас.
   *[other] Отправьте эту ссылку сотруднику сами. Она действует один раз, { $hours } часов; по ней он задаёт свой пароль. Ссылка показывается только сейчас.
}
admin-invitation-link = Ссылка
admin-error-email = Введите адрес электронной почты вида name@police.kz.
admin-error-email-taken = Учётная запись с этим адресом уже есть. Выдайте ей новую ссылку для входа.
admin-invitation-title = Задайте пароль
admin-invitation-welcome = Здравствуйте, { $name }. Выберите пароль для своей учётной записи сотрудника:
admin-invitation-save = Задать пароль
admin-invitation-gone = Эта ссылка не действует: ею уже воспользовались, истёк её срок (ссылка действует 72 часа) или её заменили новой. Попросите администратора о новой ссылке.
staff-role-moderator = Модератор
staff-role-admin = Администратор

# Участковые инспекторы и участки
admin-inspectors = Участковые инспекторы
admin-inspectors-back = ← Все участковые инспекторы
admin-inspector-active = Служит
admin-inspector-inactive = Не служит
admin-inspector-rank = Звание
admin-inspector-position = Должность
admin-inspector-phone = Рабочий телефон
admin-inspector-hours = Часы приёма
admin-inspector-active-label = Служит (показывается на публичных страницах)
admin-inspector-active-hint = Снимите отметку, когда участковый инспектор уходит со службы: его карточка и участки больше не показываются как его.
admin-photo-title = Фотография
admin-photo-label = Новая фотография (JPEG, PNG или WebP)
admin-photo-hint = { $mb ->
    [one] Не больше { $mb } МБ. Фотография обрезается по карточке и сохраняется без метаданных (например, места съёмки).
    [few] Не больше { $mb } МБ. Фотография обрезается по карточке и сохраняется без метаданных (например, места съёмки).
   *[other] Не больше { $mb } МБ. Фотография обрезается по карточке и сохраняется без метаданных (например, места съёмки).
}
admin-photo-upload = Загрузить фотографию
admin-photo-saved = Фотография сохранена.
admin-error-photo-empty = Выберите фотографию для загрузки.
admin-error-photo-large = Файл слишком большой: не больше 5 МБ.
admin-error-photo-type = Этот файл — не изображение JPEG, PNG или WebP. Выберите фотографию.
admin-beats = Участки
admin-beats-back = ← Все участки
admin-beat-number = Участок
admin-beat-edit = Участок { $name }
admin-beat-substitute = Замещающий
admin-beat-substitute-hint = Пока участкового инспектора нет (отпуск, болезнь), на публичных страницах в эти даты показывается замещающий.
admin-beat-substitute-who = Кто замещает на участке
admin-beat-from = С
admin-beat-until = По (включительно)
admin-error-date = Введите существующую дату, например 24.12.2026.
admin-error-substitute-dates = Для замещающего нужны обе даты.
admin-error-date-order = Конец не может быть раньше начала.
admin-error-substitute-self = Замещающим должен быть не участковый инспектор этого участка.

# Импорт в браузере
admin-imports = Импорт
admin-import-kind = Что в файле
admin-import-kind-posts = Пункты полиции (CSV или GeoJSON)
admin-import-kind-gazetteer = Места справочника (CSV)
admin-import-kind-inspectors = Участковые инспекторы (CSV)
admin-import-kind-beats = Участки (GeoJSON)
admin-import-upload-title = Проверить файл
admin-import-file = Файл
admin-import-file-hint = Те же файлы с теми же столбцами, что импортирует командная строка. Ничего не импортируется, пока вы не подтвердите предпросмотр.
admin-import-check = Проверить файл
admin-import-errors = { $count ->
    [one] Найдена { $count } ошибка; ничего не импортировано
    [few] Найдено { $count } ошибки; ничего не импортировано
   *[other] Найдено { $count } ошибок; ничего не импортировано
}
admin-import-preview = Что сделает импорт
admin-import-result = Что сделал импорт
admin-import-added = Добавлено
admin-import-changed = Изменено
admin-import-unchanged = Без изменений
admin-import-confirm-text = Импортировать именно этот файл, целиком или ничего?
admin-import-confirm = Импортировать
admin-import-cancel = Отмена
admin-import-done = Импортировано. Публичные страницы уже показывают изменения.
admin-import-gone = Этот импорт больше не ждёт подтверждения (он выполнен или прошли сутки). Проверьте файл ещё раз.
admin-import-too-large = Файл слишком большой: не больше 10 МБ.
admin-import-empty = Файл пуст.
admin-import-unreadable = Файл не читается как CSV или GeoJSON в UTF-8.

# Календарь рабочих дней
admin-calendar = Календарь
admin-calendar-title = Календарь рабочих дней на { $year } год
admin-calendar-lead = Сроки по закону считаются в рабочих днях: субботы, воскресенья и отмеченные ниже выходные не считаются, а перечисленные здесь рабочие субботы считаются.
admin-calendar-years = Другие годы
admin-calendar-date = Дата
admin-calendar-kind = Какой это день
admin-calendar-note = Почему (праздник, перенос выходного)
admin-calendar-off = Выходной
admin-calendar-working = Рабочий день
admin-calendar-remove = Удалить
admin-calendar-empty = В этом году нет дней, отличающихся от обычной недели.
admin-calendar-add = Добавить или изменить дату
admin-calendar-sample = Обращение, поступившее { $received }, должно быть рассмотрено до { $due }.

# Справочник мест
admin-places = Места
admin-places-back = ← Все места
admin-place-new = Добавить место
admin-place-kind = Тип места
admin-places-none = Подходящих мест нет.
admin-error-coordinates = Укажите координаты или нажмите на карту.

# Граница участка
admin-boundary-title = Граница
admin-boundary-label = Граница в формате GeoJSON
admin-boundary-hint = Многоугольник GeoJSON (Polygon или Feature с ним), сначала долгота, как в файлах импорта: вставьте нарисованный в редакторе карт. Он проверяется так же, как при импорте.
admin-boundary-save = Сохранить границу
admin-boundary-overlaps = Этот участок пересекается с участками { $beats }: проверьте границы.
admin-boundary-geojson = Это не многоугольник GeoJSON.
admin-boundary-empty = У границы нет контуров.
admin-boundary-few-points = В контуре { $ring } меньше 4 точек.
admin-boundary-not-closed = Контур { $ring } не замкнут: последняя точка должна повторять первую.
admin-boundary-crosses = Контур { $ring } пересекает сам себя.
admin-boundary-bad-point = В контуре { $ring } есть точка, которая не является координатой.
admin-boundary-outside = Контур { $ring } лежит за пределами города.
admin-boundary-hole = Вырез { $ring } не лежит внутри внешнего контура.
admin-boundary-conflict = Тем временем этот участок изменил кто-то другой. Откройте его заново.
admin-inspector-new = Добавить участкового инспектора
admin-draw-use = Взять этот контур
admin-draw-clear = Начать заново
admin-draw-count = Нажимайте на карту в каждом углу участка: пока точек — %n.

# Исходящие сообщения
admin-outbox = Сообщения
admin-outbox-lead = Уведомления о приёме и другие сообщения жителям, как их отправляют обработчики. Сначала недоставленные; «Повторить» отправляет снова.
admin-outbox-files = Для части сообщений не задан SMTP-сервер или SMS-шлюз: они записываются файлами в папку outbox/ каталога данных вместо отправки (то, что было бы отправлено).
admin-outbox-event = Событие
admin-outbox-channel = Канал
admin-outbox-attempts = Попытки
admin-outbox-error = Последняя ошибка
admin-outbox-created = Создано
admin-outbox-pending = Ожидает
admin-outbox-sent = Отправлено
admin-outbox-dead = Не доставлено
admin-outbox-stopped = Остановлено жителем
admin-outbox-staff = Сводка сотруднику
admin-outbox-retry = Повторить
admin-outbox-empty = Сообщений пока нет.
admin-api-keys = Ключи Open311
admin-api-keys-lead = Сервисам, которые подают обращения жителей через Open311 (POST /open311/v2/requests), нужен ключ. Ключ показывается один раз, при выдаче; портал хранит только его хэш. Каждое обращение, поданное с ключом, записывается в журнал с названием ключа.
admin-api-key-name = Кому выдан ключ
admin-api-key-name-hint = Сервис или организация, например «Городское приложение Атырау»
admin-api-key-prefix = Начало ключа
admin-api-key-created = Выдан
admin-api-key-used = Последнее использование
admin-api-key-filed = Подано обращений
admin-api-key-issue = Выдать ключ
admin-api-key-revoke = Отозвать
admin-api-key-revoked = Отозван
admin-api-key-active = Действует
admin-api-key-never = Не использовался
admin-api-key-new = Новый ключ для «{ $name }». Скопируйте его сейчас: больше он показан не будет.
admin-api-key-taken = Ключ с таким названием уже есть; выберите другое
admin-api-key-name-error = Укажите, кому выдан ключ (от 2 до 120 символов)
admin-api-keys-empty = Ключи не выдавались.
admin-api-key-value = Ключ (api_key)
admin-inspector-slot-minutes = Минут на одну запись на приём
admin-inspector-slot-minutes-hint = Жители записываются на приём на столько минут (от 5 до 120).
admin-error-slot-minutes = Целое число минут от 5 до 120
