# Messages to residents (e-mail and SMS)
mail-received-subject = Your appeal { $number } is registered
mail-received-body = Your appeal { $number } was received on { $received } and registered. { $addressee } considers it and answers by { $due }.

    Follow it here, without typing the number and key: { $link }

    If it is urgent, call 102 (police) or 112.
sms-received = Appeal { $number } registered, answer by { $due }: { $link }
mail-update-subject = News about your appeal { $number }
mail-update-body = There is news about your appeal { $number }. See what changed: { $link }
sms-update = News about appeal { $number }: { $link }
mail-extended-subject = Your appeal { $number }: the answer date is moved to { $due }
mail-extended-body = The answer to your appeal { $number } will come by { $due }. The reason: { $reason }

    Follow it here: { $link }
sms-extended = Appeal { $number }: answer by { $due }. { $link }
