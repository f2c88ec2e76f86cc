# Тұрғындарға хабарламалар (электрондық пошта және SMS)
mail-received-subject = { $number } өтінішіңіз тіркелді
mail-received-body = { $number } өтінішіңіз { $received } түсті және тіркелді. { $addressee } оны қарап, { $due } дейін жауап береді.
sms-received = { $number } өтініші тіркелді, жауап мерзімі — { $due }: { $link }
sms-update = { $number } өтініші бойынша жаңалық: { $link }
mail-taken-subject = { $number } өтінішіңіз қаралуда
mail-taken-body = Полиция қызметкері { $number } өтінішіңізді қарауды бастады. Жауап { $due } дейін беріледі.
sms-taken = { $number } өтініші қаралуда: { $link }
mail-extended-subject = { $number } өтініші: жауап мерзімі { $due } дейін ұзартылды
mail-extended-body = { $number } өтінішіңізді қарау мерзімі ұзартылды: жауап мерзімі — { $due }. Себебі: { $reason }
sms-extended = { $number } өтініші: мерзімі { $due } дейін ұзартылды. { $link }
mail-forwarded-subject = { $number } өтінішіңіз басқа органға жіберілді
mail-forwarded-body = { $number } өтінішіңіз { $body } органына жіберілді: ондағы мәселені сол орган шешеді. Ол сізге заңда белгіленген мерзімде жауап береді.
sms-forwarded = { $number } өтініші { $body } органына жіберілді: { $link }
mail-answered-subject = { $number } өтінішіңізге жауап
mail-answered-body = Полиция { $number } өтінішіңізге жауап берді:

    { $answer }
sms-answered = { $number } өтінішіне жауап берілді: { $link }
mail-rejected-subject = { $number } өтінішіңіз қаралмайды
mail-rejected-body = { $number } өтінішіңіз қаралмайды. Себебі: { $reason }
sms-rejected = { $number } өтініші қаралмайды: { $link }
mail-closed-subject = { $number } өтінішіңіз жабылды
mail-closed-body = { $number } өтінішіңіз бойынша жұмыс аяқталды, ол жабылды.
sms-closed = { $number } өтініші жабылды: { $link }
mail-reopened-subject = { $number } өтінішіңіз қайта қаралуда
mail-reopened-body = { $number } өтінішіңіз қайта қаралуда.
sms-reopened = { $number } өтініші қайта қаралуда: { $link }
mail-published-subject = { $number } алғысыңыз жарияланды
mail-published-body = { $number } алғысыңыз порталда жарияланды. Рахмет.
sms-published = { $number } алғысы жарияланды: { $link }
mail-survey-subject = { $number } өтініші: мәселе шешілді ме?
mail-survey-body = { $number } өтінішіңізге жауап берілді. Мәселе шешілді ме? Бір рет басу жеткілікті:

    Шешілді: { $resolved }
    Ішінара шешілді: { $partly }
    Шешілмеді (өтініш қайта қаралады): { $not_resolved }
sms-survey = { $number } өтініші: мәселе шешілді ме? { $survey }
mail-link = Өтінішті нөмір мен кілтті енгізбей-ақ осы жерден қадағалаңыз: { $link }
mail-urgent = Шұғыл болса, 102 (полиция) немесе 112 нөміріне қоңырау шалыңыз.
mail-quiet = Осы өтініш бойынша заң талап етпейтін хабарламалардан бас тарту: { $quiet }
mail-signature = Атырау полициясының порталы
# Қызметкерлерге күнделікті шолу
digest-subject = { $day } кезегі: жаңа { $new }, мерзімі өткен { $overdue }
digest-body = Қайырлы таң, { $name }.

    Жаңа өтініштер: { $new }
    Мерзімі алдағы 3 жұмыс күнінде: { $soon } (сіздікі: { $mine_soon })
    Мерзімі өткен: { $overdue } (сіздікі: { $mine_overdue })

    Кезек: { $link }
digest-stop = Шолуды алмау үшін оны кабинеттің басты бетінде өшіріңіз: { $dashboard }
# Хабарламадағы сілтемелер ашатын беттер
reply-track-link = Өтінішті қарау
quiet-title = { $number } өтініші бойынша хабарламалар
quiet-lead = Осы өтініш бойынша заң талап етпейтін хабарламалардан бас тарта аласыз.
quiet-still = Заң талап ететін хабарламалар бұрынғыдай келеді: тіркеу, мерзімді ұзарту, басқа органға жіберу, жауап немесе бас тарту.
quiet-stopped = Өтініштің қаралып жатқаны, жабылғаны немесе қайта ашылғаны туралы хабарламалар мен мәселенің шешілгені туралы сұрақ енді келмейді.
quiet-submit = Бұл хабарламалардан бас тарту
quiet-done = Дайын: осы өтініш бойынша тек заң талап ететін хабарламалар келеді.
survey-title = { $number } өтініші: мәселе шешілді ме?
survey-question = Өтінішіңіздегі мәселе шешілді ме?
survey-change = Жауабыңызды өзгерте аласыз
survey-resolved = Шешілді
survey-partly = Ішінара шешілді
survey-not-resolved = Шешілмеді
survey-recorded = Рахмет, жауабыңыз жазылды: { $answer }.
survey-reopened = Өтініш полицияға қайтарылды және қайта қаралады. Жаңа жауап туралы сізге хабарланады.
survey-comment = Пікір (міндетті емес)
survey-comment-hint = Не жақсы жасалды немесе не әлі де дұрыс емес. Оны тек полиция қызметкерлері көреді.
survey-submit = Жіберу
survey-error-answer = Жауапты таңдаңыз
survey-error-comment = Пікір тым ұзын: 2000 таңбадан аспасын
