# Messages to residents (e-mail and SMS)
mail-received-subject = Your appeal { $number } is registered
mail-received-body = Your appeal { $number } was received on { $received } and registered. { $addressee } considers it and answers by { $due }.
sms-received = Appeal { $number } registered, answer by { $due }: { $link }
sms-update = News about appeal { $number }: { $link }
mail-taken-subject = Your appeal { $number } is being considered
mail-taken-body = A police officer has started considering your appeal { $number }. The answer will come by { $due }.
sms-taken = Appeal { $number } is being considered: { $link }
mail-extended-subject = Your appeal { $number }: the answer date is moved to { $due }
mail-extended-body = The answer to your appeal { $number } will come by { $due }. The reason: { $reason }
sms-extended = Appeal { $number }: answer by { $due }. { $link }
mail-forwarded-subject = Your appeal { $number } is forwarded
mail-forwarded-body = Your appeal { $number } was forwarded to { $body }: the question it raises is for them to decide. They answer you within the term the law sets.
sms-forwarded = Appeal { $number } forwarded to { $body }: { $link }
mail-answered-subject = The answer to your appeal { $number }
mail-answered-body = The police have answered your appeal { $number }:

    { $answer }
sms-answered = Appeal { $number } is answered. Read the answer: { $link }
mail-rejected-subject = Your appeal { $number } is not considered
mail-rejected-body = Your appeal { $number } is not considered. The reason: { $reason }
sms-rejected = Appeal { $number } is not considered: { $link }
mail-closed-subject = Your appeal { $number } is closed
mail-closed-body = The work on your appeal { $number } is finished and it is closed.
sms-closed = Appeal { $number } is closed: { $link }
mail-reopened-subject = Your appeal { $number } is considered again
mail-reopened-body = Your appeal { $number } is being considered again.
sms-reopened = Appeal { $number } is considered again: { $link }
mail-published-subject = Your thanks { $number } is published
mail-published-body = Your thanks { $number } is published on the portal. Thank you.
sms-published = Your thanks { $number } is published: { $link }
mail-survey-subject = Appeal { $number }: was it resolved?
mail-survey-body = You were answered on your appeal { $number }. Was the matter resolved? One click is enough:

    Resolved: { $resolved }
    Partly resolved: { $partly }
    Not resolved (the appeal is considered again): { $not_resolved }
sms-survey = Appeal { $number }: was it resolved? { $survey }
mail-link = Follow your appeal here, without typing its number and key: { $link }
mail-urgent = If it is urgent, call 102 (police) or 112.
mail-quiet = To stop the messages about this appeal that the law does not require: { $quiet }
mail-signature = Atyrau police portal
# The daily digest to staff
digest-subject = The queue on { $day }: { $new } new, { $overdue } overdue
digest-body = Good morning, { $name }.

    New appeals: { $new }
    Due within 3 working days: { $soon } (yours: { $mine_soon })
    Overdue: { $overdue } (yours: { $mine_overdue })

    The queue: { $link }
digest-stop = To stop this digest, turn it off on the dashboard: { $dashboard }
# The pages the links of a message open
reply-track-link = See your appeal
quiet-title = Messages about appeal { $number }
quiet-lead = You can stop the messages about this appeal that the law does not require.
quiet-still = You will still be told what the law requires: the registration, an extension of the term, a forwarding, and the answer or the refusal.
quiet-stopped = You will no longer get: that the appeal is being considered, closed or reopened, and the question whether it was resolved.
quiet-submit = Stop these messages
quiet-done = Done: you will get only the messages the law requires about this appeal.
survey-title = Appeal { $number }: was it resolved?
survey-question = Was the matter of your appeal resolved?
survey-change = You can change your answer
survey-resolved = Resolved
survey-partly = Partly resolved
survey-not-resolved = Not resolved
survey-recorded = Thank you, your answer is recorded: { $answer }.
survey-reopened = Your appeal goes back to the police and is considered again. You will be told of the new answer.
survey-comment = A comment (optional)
survey-comment-hint = What was done well, or what is still wrong. Only the police see it.
survey-submit = Send
survey-error-answer = Choose an answer
survey-error-comment = The comment is too long: write at most 2,000 characters
