# Сообщения жителям (электронная почта и SMS)
mail-received-subject = Ваше обращение { $number } зарегистрировано
mail-received-body = Ваше обращение { $number } поступило { $received } и зарегистрировано. { $addressee } рассмотрит его и ответит до { $due }.
sms-received = Обращение { $number } зарегистрировано, ответ до { $due }: { $link }
sms-update = Новое по обращению { $number }: { $link }
mail-taken-subject = Ваше обращение { $number } рассматривается
mail-taken-body = Сотрудник полиции начал рассматривать ваше обращение { $number }. Ответ будет до { $due }.
sms-taken = Обращение { $number } рассматривается: { $link }
mail-extended-subject = Обращение { $number }: срок ответа продлён до { $due }
mail-extended-body = Срок рассмотрения вашего обращения { $number } продлён: ответ будет до { $due }. Причина: { $reason }
sms-extended = Обращение { $number }: срок продлён до { $due }. { $link }
mail-forwarded-subject = Ваше обращение { $number } перенаправлено
mail-forwarded-body = Ваше обращение { $number } перенаправлено в { $body }: поставленный в нём вопрос решает этот орган. Он ответит вам в срок, установленный законом.
sms-forwarded = Обращение { $number } направлено в { $body }: { $link }
mail-answered-subject = Ответ на ваше обращение { $number }
mail-answered-body = Полиция ответила на ваше обращение { $number }:

    { $answer }
sms-answered = На обращение { $number } дан ответ: { $link }
mail-rejected-subject = Ваше обращение { $number } не рассматривается
mail-rejected-body = Ваше обращение { $number } не рассматривается. Причина: { $reason }
sms-rejected = Обращение { $number } не рассматривается: { $link }
mail-closed-subject = Ваше обращение { $number } закрыто
mail-closed-body = Работа по вашему обращению { $number } завершена, оно закрыто.
sms-closed = Обращение { $number } закрыто: { $link }
mail-reopened-subject = Ваше обращение { $number } рассматривается снова
mail-reopened-body = Ваше обращение { $number } снова рассматривается.
sms-reopened = Обращение { $number } рассматривается снова: { $link }
mail-published-subject = Ваша благодарность { $number } опубликована
mail-published-body = Ваша благодарность { $number } опубликована на портале. Спасибо.
sms-published = Благодарность { $number } опубликована: { $link }
mail-survey-subject = Обращение { $number }: вопрос решён?
mail-survey-body = Вам ответили на обращение { $number }. Решён ли вопрос? Достаточно одного нажатия:

    Решён: { $resolved }
    Решён частично: { $partly }
    Не решён (обращение рассмотрят снова): { $not_resolved }
sms-survey = Обращение { $number }: вопрос решён? { $survey }
mail-link = Следить за обращением можно здесь, не вводя номер и ключ: { $link }
mail-urgent = Если дело срочное, звоните 102 (полиция) или 112.
mail-quiet = Отказаться от сообщений по этому обращению, которые не требует закон: { $quiet }
mail-signature = Портал полиции Атырау
# Ежедневная сводка сотрудникам
digest-subject = Очередь на { $day }: новых { $new }, просрочено { $overdue }
digest-body = Доброе утро, { $name }.

    Новых обращений: { $new }
    Срок в ближайшие 3 рабочих дня: { $soon } (ваших: { $mine_soon })
    Просрочено: { $overdue } (ваших: { $mine_overdue })

    Очередь: { $link }
digest-stop = Чтобы не получать сводку, отключите её на главной странице кабинета: { $dashboard }
# Страницы, которые открывают ссылки из сообщений
reply-track-link = Посмотреть обращение
quiet-title = Сообщения по обращению { $number }
quiet-lead = Вы можете отказаться от сообщений по этому обращению, которые не требует закон.
quiet-still = Вам по-прежнему сообщат то, что требует закон: о регистрации, продлении срока, перенаправлении, ответ или отказ.
quiet-stopped = Вы больше не будете получать сообщения о том, что обращение рассматривается, закрыто или открыто снова, и вопрос, решён ли он.
quiet-submit = Отказаться от этих сообщений
quiet-done = Готово: по этому обращению вы будете получать только сообщения, которые требует закон.
survey-title = Обращение { $number }: вопрос решён?
survey-question = Решён ли вопрос вашего обращения?
survey-change = Вы можете изменить ответ
survey-resolved = Решён
survey-partly = Решён частично
survey-not-resolved = Не решён
survey-recorded = Спасибо, ваш ответ записан: { $answer }.
survey-reopened = Обращение возвращено в полицию и будет рассмотрено снова. Вам сообщат о новом ответе.
survey-comment = Комментарий (необязательно)
survey-comment-hint = Что сделано хорошо или что по-прежнему не так. Его видят только сотрудники полиции.
survey-submit = Отправить
survey-error-answer = Выберите ответ
survey-error-comment = Комментарий слишком длинный: не больше 2000 знаков
