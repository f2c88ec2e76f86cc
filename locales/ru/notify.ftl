# Сообщения жителям (электронная почта и SMS)
mail-received-subject = Ваше обращение { $number } зарегистрировано
mail-received-body = Ваше обращение { $number } поступило { $received } и зарегистрировано. { $addressee } рассмотрит его и ответит до { $due }.

    Следить за ним можно здесь, не вводя номер и ключ: { $link }

    Если дело срочное, звоните 102 (полиция) или 112.
sms-received = Обращение { $number } зарегистрировано, ответ до { $due }: { $link }
mail-update-subject = Новое по обращению { $number }
mail-update-body = По вашему обращению { $number } есть новости. Что изменилось: { $link }
sms-update = Новое по обращению { $number }: { $link }
mail-extended-subject = Обращение { $number }: срок ответа продлён до { $due }
mail-extended-body = Срок рассмотрения вашего обращения { $number } продлён: ответ будет до { $due }. Причина: { $reason }

    Следить за ним: { $link }
sms-extended = Обращение { $number }: срок продлён до { $due }. { $link }
