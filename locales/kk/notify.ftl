# Тұрғындарға хабарламалар (электрондық пошта және SMS)
mail-received-subject = { $number } өтінішіңіз тіркелді
mail-received-body = { $number } өтінішіңіз { $received } түсті және тіркелді. { $addressee } оны қарап, { $due } дейін жауап береді.

    Оны нөмір мен кілтті енгізбей-ақ осы жерден қадағалаңыз: { $link }

    Шұғыл болса, 102 (полиция) немесе 112 нөміріне қоңырау шалыңыз.
sms-received = { $number } өтініші тіркелді, жауап мерзімі — { $due }: { $link }
mail-update-subject = { $number } өтініші бойынша жаңалық
mail-update-body = { $number } өтінішіңіз бойынша жаңалық бар. Не өзгергенін қараңыз: { $link }
sms-update = { $number } өтініші бойынша жаңалық: { $link }
mail-extended-subject = { $number } өтініші: жауап мерзімі { $due } дейін ұзартылды
mail-extended-body = { $number } өтінішіңізді қарау мерзімі ұзартылды: жауап мерзімі — { $due }. Себебі: { $reason }

    Қадағалау: { $link }
sms-extended = { $number } өтініші: мерзімі { $due } дейін ұзартылды. { $link }
