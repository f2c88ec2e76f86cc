# Участки, их жизнь и запись на приём
beats-title = Участки
beats-q-label = Номер участка, улица или ориентир
beats-q-hint = Например, 5, Абая или Центральный рынок
beats-search = Найти
beats-count = { $count ->
    [one] { $count } участок
    [few] { $count } участка
   *[other] { $count } участков
}
beats-back = ← Все участки
beat-book = Записаться на приём к инспектору
beat-no-inspector = Сейчас за участком не закреплён участковый инспектор; звоните 102 или обратитесь в ближайший пункт полиции.
beat-streets = Улицы и ориентиры
beat-priorities = Приоритеты участка
beat-no-priorities = Приоритеты для этого участка не опубликованы.
beat-priority-action = Что делается
beat-priority-from = с { $date }
beat-meetings = Встречи и отчёты перед жителями
beat-no-meetings = Встречи пока не запланированы.
beat-last-report = Участковый инспектор последний раз отчитывался перед жителями { $date }.
beat-no-report = За последние 12 месяцев участковый инспектор не отчитывался перед жителями.
beat-calendar = Добавить встречи участка в календарь (.ics)
beat-figures = Обращения за последние 12 месяцев
beat-statistics-link = Показатели участка по месяцам
beat-substitute-until = До { $until } участок обслуживает замещающий инспектор.
beat-meeting-kind-meeting = Встреча с жителями
beat-meeting-kind-report = Отчёт участкового инспектора перед жителями
beat-calendar-name = { $beat }: встречи
beat-calendar-description = { $beat }, полиция Атырау
beat-page-link = Страница участка { $number }
beat-error-text = Напишите хотя бы на одном языке
beat-error-ends-before = Окончание раньше начала
booking-title = Запись на приём к участковому инспектору
booking-lead = Выберите свободное время в ближайшие 14 дней. Запись закрывается за 2 часа.
booking-taken-lead = Это время только что занял другой житель. Вот ближайшее свободное время; введённое вами сохранено.
booking-slot-legend = Свободное время
booking-no-slots = В ближайшие 14 дней свободного времени нет. Позвоните инспектору или приходите в часы приёма.
booking-phone-hint = По этому номеру инспектор позвонит, если время придётся перенести
booking-email-label = Электронная почта (необязательно, для подтверждения и напоминания)
booking-topic-label = Что вы хотите обсудить?
booking-topic-hint = Достаточно нескольких слов
booking-consent-label = Я согласен(на), чтобы моё имя, телефон и тема использовались для организации приёма
booking-submit = Записаться на это время
booking-error-topic = Напишите в нескольких словах, что хотите обсудить
booking-error-taken = Это время только что заняли: выберите другое
booking-error-slot = Выберите время
booking-error-limit = У вас уже 2 предстоящие записи; отмените одну, чтобы записаться ещё
booking-done-title = Ваша запись на приём
booking-done-lead = Вы записаны. Сохраните эту страницу: по её ссылке запись можно отменить.
booking-done-past = Этот приём уже состоялся.
booking-cancelled-title = Запись отменена
booking-cancelled-text = Вы отменили эту запись.
booking-cancelled-by-staff = Полиция отменила эту запись: { $reason }
booking-cancel-title = Отменить запись?
booking-reference = Запись
booking-when = Когда
booking-with = К кому
booking-where = Где
booking-ics = Добавить в календарь (.ics)
booking-cancel-question = Это время освободится для других жителей.
booking-cancel-button = Отменить запись
booking-cancel-link = Отменить эту запись
booking-calendar-summary = Приём: { $inspector }
booking-calendar-description = Запись { $reference }, полиция Атырау
booking-mail-confirmed-subject = Ваша запись на приём { $when } ({ $reference })
booking-mail-confirmed = Вы записаны на приём к { $inspector } { $when }, место: { $place }.

    Ваша запись: { $link }
    Добавить в календарь: { $ics }
    Если не сможете прийти, отмените запись, чтобы время досталось другому: { $cancel }
booking-sms-confirmed = Приём { $when }, { $inspector }. Подробнее и отмена: { $link }
booking-mail-reminder-subject = Завтра: ваш приём { $when }
booking-mail-reminder = Напоминаем: завтра, { $when }, приём у { $inspector }, место: { $place }.

    Если не сможете прийти, отмените запись: { $cancel }
booking-sms-reminder = Завтра { $when }: приём, { $inspector }. Отмена: { $cancel }
booking-mail-cancelled-subject = Ваш приём { $when } отменён
booking-mail-cancelled = Полиция отменила ваш приём { $when } у { $inspector }: { $reason }

    Записаться на другое время можно на странице участка.
booking-sms-cancelled = Ваш приём { $when } отменён: { $reason }
