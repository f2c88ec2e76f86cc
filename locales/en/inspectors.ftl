nav-inspectors = Find your inspector
home-search-label = Where are you? Address, microdistrict or landmark
home-search-submit = Find post and inspector
home-answers-title = Near { $place }
home-nearest-open = Nearest post open now
home-my-inspector = Your district inspector
home-inspectors-title = Find your district inspector
home-inspectors-text = Who serves your address, how to call them, and where and when they receive residents.

inspectors-find-title = Find your district inspector
inspectors-find-heading = Find your district inspector
inspectors-find-lead = Give your address and we show the district inspector who serves it, with their phone number, reception point and hours.
inspectors-find-submit = Find my inspector
inspectors-directory-link = Browse all district inspectors
inspectors-answer-title = District inspector for { $place }
inspectors-no-beat = This place is outside every district inspector's beat. The inspectors of the nearest beats can help you; call them or come to their reception.
inspectors-back = ← All district inspectors
inspectors-directory-title = District inspectors
inspectors-directory-q-label = Name, beat number or street
inspectors-directory-q-hint = For example: Seitov · 12 · Satpayev
inspectors-directory-submit = Search
inspectors-find-link = Find by address instead
inspectors-directory-count = { $count ->
    [one] { $count } inspector
   *[other] { $count } inspectors
}
inspectors-col-name = Name
inspectors-col-beats = Beats
inspectors-col-phone = Phone
inspectors-error-page = The page number is not valid.
pager-label = Pages
pager-prev = ← Previous
pager-next = Next →
pager-position = Page { $page }

inspector-photo-alt = Photo: { $name }
inspector-reception-point = Reception point
inspector-reception-hours = Hours for receiving residents
inspector-beat-number = Beat No. { $number }
inspector-receiving-now = { $when ->
        [today] Receiving residents now, until { $time }
        [tomorrow] Receiving residents now, until tomorrow, { $time }
        [weekday] Receiving residents now, until { day-until }, { $time }
       *[date] Receiving residents now, until { $date }, { $time }
    }
inspector-receiving-always = Receiving residents now
inspector-next-reception = { $when ->
        [today] Next reception today at { $time }
        [tomorrow] Next reception tomorrow at { $time }
        [weekday] Next reception { day-on } at { $time }
       *[date] Next reception on { $date } at { $time }
    }
inspector-no-reception = No reception hours are set
inspector-substitute-note = Temporarily serving beat No. { $beat } while its inspector is away, until { $until }.

rank-lieutenant = Police Lieutenant
rank-senior-lieutenant = Police Senior Lieutenant
rank-captain = Police Captain
rank-major = Police Major
rank-lieutenant-colonel = Police Lieutenant Colonel
rank-other = Police officer
position-district-inspector = District police inspector
position-senior-district-inspector = Senior district police inspector
inspectors-nearest-title = Nearest district inspectors to { $place }
inspectors-nearest-points = Nearest district inspector points
