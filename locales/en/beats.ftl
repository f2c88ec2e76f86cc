# Beats, their life, and booking a reception slot
beats-title = Beats
beats-q-label = Beat number, street or landmark
beats-q-hint = For example 5, Abai or the Central Market
beats-search = Search
beats-count = { $count ->
    [one] { $count } beat
   *[other] { $count } beats
}
beats-back = ← All beats
beat-book = Book a time with the inspector
beat-no-inspector = No district inspector serves this beat at the moment; call 102 or the nearest police post.
beat-streets = Streets and landmarks
beat-priorities = Local priorities
beat-no-priorities = No priorities are published for this beat.
beat-priority-action = What is being done
beat-priority-from = from { $date }
beat-meetings = Meetings and report-backs
beat-no-meetings = No meetings are planned yet.
beat-last-report = The inspector last reported to residents on { $date }.
beat-no-report = The inspector has not reported to residents in the last 12 months.
beat-calendar = Add the beat's meetings to your calendar (.ics)
beat-figures = Appeals in the last 12 months
beat-statistics-link = The beat's figures per month
beat-substitute-until = A substitute serves this beat until { $until }.
beat-meeting-kind-meeting = Meeting with residents
beat-meeting-kind-report = The inspector's report to residents
beat-calendar-name = { $beat }: meetings
beat-calendar-description = { $beat }, Atyrau police
beat-page-link = The page of beat { $number }
beat-error-text = Write it in at least one language
beat-error-ends-before = The end is before the start
booking-title = Book a time with the district inspector
booking-lead = Choose a free time in the next 14 days. Bookings close 2 hours before the time.
booking-taken-lead = This time was just taken by someone else. Here are the next free times; what you typed is kept.
booking-slot-legend = Free times
booking-no-slots = There are no free times in the next 14 days. Call the inspector or come during reception hours.
booking-phone-hint = The inspector calls this number if the time has to change
booking-email-label = E-mail (optional, for the confirmation and the reminder)
booking-topic-label = What would you like to discuss?
booking-topic-hint = A few words are enough
booking-consent-label = I agree that my name, phone and topic are used to arrange this appointment
booking-submit = Book this time
booking-error-topic = Say in a few words what you would like to discuss
booking-error-taken = This time was just taken: choose another
booking-error-slot = Choose a time
booking-error-limit = You already have 2 upcoming bookings; cancel one to book another
booking-done-title = Your appointment
booking-done-lead = Booked. Keep this page: its link is also how you cancel.
booking-done-past = This appointment has taken place.
booking-cancelled-title = Appointment cancelled
booking-cancelled-text = You cancelled this appointment.
booking-cancelled-by-staff = The police cancelled this appointment: { $reason }
booking-cancel-title = Cancel the appointment?
booking-reference = Booking
booking-when = When
booking-with = With
booking-where = Where
booking-ics = Add to calendar (.ics)
booking-cancel-question = The time becomes free for someone else.
booking-cancel-button = Cancel the appointment
booking-cancel-link = Cancel this appointment
booking-calendar-summary = Appointment with { $inspector }
booking-calendar-description = Booking { $reference }, Atyrau police
booking-mail-confirmed-subject = Your appointment { $when } ({ $reference })
booking-mail-confirmed = You are booked to see { $inspector } on { $when } at { $place }.

    Your booking: { $link }
    Add it to your calendar: { $ics }
    If you cannot come, cancel it here so that someone else can take the time: { $cancel }
booking-sms-confirmed = Appointment { $when } with { $inspector }. Details and cancel: { $link }
booking-mail-reminder-subject = Tomorrow: your appointment { $when }
booking-mail-reminder = A reminder: tomorrow, { $when }, you see { $inspector } at { $place }.

    If you cannot come, cancel it here: { $cancel }
booking-sms-reminder = Tomorrow { $when }: appointment with { $inspector }. Cancel: { $cancel }
booking-mail-cancelled-subject = Your appointment { $when } is cancelled
booking-mail-cancelled = The police cancelled your appointment on { $when } with { $inspector }: { $reason }

    You can book another time on the beat's page.
booking-sms-cancelled = Your appointment { $when } is cancelled: { $reason }
