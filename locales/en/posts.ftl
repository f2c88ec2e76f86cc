form-error-summary = There is a problem

posts-title = Find a police post
posts-heading = Find the nearest police post
posts-lead = Type your address, a microdistrict or a landmark, or give coordinates. We show the nearest posts, whether they are open now, and how to get there.
posts-results-title = Police posts near { $place }
location-q-label = Address, microdistrict or landmark
location-q-hint = For example: Satpayev Street, 12 · Avangard · Central Market
location-use-mine = Use my location
location-geo-error = Your location could not be determined. Type an address instead.
location-coords-summary = Search by coordinates
location-lat-label = Latitude
location-lon-label = Longitude
posts-kind-label = Kind of post
posts-kind-any = Any kind
posts-open-now-label = Open now only
posts-submit = Find posts
location-choose = Several places match. Choose yours:
location-not-found = Nothing was found for “{ $query }”. Check the spelling, try a nearby street or landmark, or give coordinates.
posts-none = No posts match these filters nearby. Try without “open now” or with another kind.
posts-open-in-maps = Open in maps
posts-directions = Walking directions
posts-planned-title = Planned posts nearby
posts-planned-hint = These posts are planned or being built. They do not receive residents yet.

post-back = ← Find another post
post-address = Address
post-phones = Phone
post-services = Services
post-on-osm = Show on OpenStreetMap
post-hours = Opening hours
post-exceptions = Special dates
post-updated = Information updated { $date }
hours-closed = Closed
hours-every-day = Every day
hours-24h = Around the clock

kind-modular-post = Modular 24-hour post
kind-stationary-post = Stationary post
kind-inspector-point = District inspector point
kind-police-department = Police department
status-open = Open
status-planned = Planned
status-under-construction = Under construction
status-temporarily-closed = Temporarily closed
place-street = street
place-house = building
place-microdistrict = microdistrict
place-landmark = landmark
service-receiving-residents = Receiving residents
service-video-surveillance = Video surveillance
service-emergency-call-button = Emergency call button
service-first-aid-kit = First aid kit
service-help-for-lost-children = Help for lost children

posts-error-kind = Choose a kind of post from the list.
posts-error-lat-number = Enter the latitude as a number, for example 47.1167.
posts-error-lon-number = Enter the longitude as a number, for example 51.8833.
posts-error-lat-range = Latitude must be between -90 and 90.
posts-error-lon-range = Longitude must be between -180 and 180.
posts-error-coords-incomplete = Enter both latitude and longitude.
location-error-place = The chosen place is not valid. Search again.
location-error-too-long = The address is too long. Use at most 200 characters.
location-error-no-letters = Enter an address with letters or numbers.

api-error-malformed-query = The query string is malformed.
api-error-not-found = There is no such API resource.
api-error-coordinates-required = Both lat and lon are required.
api-error-limit = limit must be a whole number from 1 to 50.
api-error-open-now = open_now must be 1 or 0.

distance-m = { $m } m
distance-km = { $km } km
walk-minutes = { $min } min walk
day-mon = Monday
day-tue = Tuesday
day-wed = Wednesday
day-thu = Thursday
day-fri = Friday
day-sat = Saturday
day-sun = Sunday
# The hours sentences take: $when (today, tomorrow, weekday, date), $day (mon…sun), $time,
# $date. Whole sentences per case.
# The time with a Kazakh case ending; plain here.
time-to = { $time }
time-at = { $time }
day-on = { $day ->
        [mon] on Monday
        [tue] on Tuesday
        [wed] on Wednesday
        [thu] on Thursday
        [fri] on Friday
        [sat] on Saturday
       *[sun] on Sunday
    }
day-until = { $day ->
        [mon] Monday
        [tue] Tuesday
        [wed] Wednesday
        [thu] Thursday
        [fri] Friday
        [sat] Saturday
       *[sun] Sunday
    }
badge-open-24h = Open 24 hours
badge-open-until = { $when ->
        [today] Open until { $time }
        [tomorrow] Open until tomorrow, { $time }
        [weekday] Open until { day-until }, { $time }
       *[date] Open until { $date }, { $time }
    }
badge-closed-opens = { $when ->
        [today] Closed, opens at { $time }
        [tomorrow] Closed, opens tomorrow at { $time }
        [weekday] Closed, opens { day-on } at { $time }
       *[date] Closed, opens on { $date } at { $time }
    }
badge-closed = Closed
map-attribution = © OpenStreetMap contributors
map-you = You are here
map-no-tiles = The map background could not be loaded (no connection to the map server). The points still show the places; everything on the map is also written on this page.
map-legend-post = Police post
map-legend-future = Planned post
map-legend-beat = Beat boundary
map-zoom-in = Zoom in
map-zoom-out = Zoom out
