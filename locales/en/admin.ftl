# Administrators keep the directory
admin-posts = Posts
admin-post-new = Add a post
admin-posts-search = Name or address
admin-post-status = Status
admin-post-name = Name
admin-post-address = Address
admin-updated = Changed
admin-posts-none = No post matches.
admin-post-edit = Edit: { $name }
admin-posts-back = ← All posts
admin-saved = Saved. The public pages show the change now.
admin-post-public = Open the public page
admin-conflict-title = Someone else changed this post
admin-conflict-text = Another administrator saved this post at { $at }, after you opened it. Their version is below and was not overwritten; your changes are still in the form. Check them and save again to replace their version.
admin-post-name-kk = Name in Kazakh
admin-post-name-ru = Name in Russian
admin-post-name-en = Name in English
admin-post-address-kk = Address in Kazakh
admin-post-address-ru = Address in Russian
admin-post-address-en = Address in English
admin-post-location = Where it is
admin-post-location-hint = Give the coordinates, or leave them empty and give an address or landmark from the gazetteer.
admin-post-place = Address or landmark from the gazetteer
admin-post-map-hint = Or click the map to set the coordinates.
admin-post-phones = Phones
admin-post-phones-hint = One per line, for example +7 7122 20-20-20.
admin-post-hours = Opening hours
admin-post-hours-hint = As in the import files: 24/7, or Mo-Fr 09:00-18:00; Sa 10:00-14:00, and dated exceptions such as 2026-12-16 off or 2026-12-31 10:00-15:00.
admin-hours-preview-button = Preview the hours
admin-hours-preview = The week as residents will see it
admin-hours-unreadable = These hours cannot be read yet. Write them as in the hint above.
admin-post-services = Services
admin-post-living = Living quarters for the inspector
admin-post-living-hint = Shown to staff only, never on public pages.
admin-save = Save
admin-error-required = Fill this in.
admin-error-too-long = This is too long: use at most 300 characters.
admin-error-choose = Choose one of the list.
admin-error-location = Give the coordinates, or an address or landmark from the gazetteer.
admin-error-phones = Write each phone on its own line, with digits, spaces, + - ( ) only.
admin-error-hours = Write the hours as in the hint: 24/7, or Mo-Fr 09:00-18:00; Sa 10:00-14:00.
admin-error-place-unknown = No place of the gazetteer has this name. Check it, or give the coordinates.
admin-error-place-ambiguous = Several places match. Write the full name, or give the coordinates.

# Staff accounts
admin-accounts = Staff accounts
admin-account-name = Name
admin-account-role = Role
admin-account-state = State
admin-account-sessions = Open sessions
admin-account-actions = Actions
admin-account-you = you
admin-account-active = Active
admin-account-pending = Invited, password not set yet
admin-account-disabled = Disabled
admin-account-make-admin = Make administrator
admin-account-make-moderator = Make moderator
admin-account-disable = Disable
admin-account-enable = Enable
admin-account-end-sessions = End all sessions
admin-account-new-link = New sign-in link
admin-account-done-role = The role is changed; the person signs in again to take it up.
admin-account-done-disable = The account is disabled and its sessions have ended.
admin-account-done-enable = The account is enabled.
admin-account-done-sessions = Every session of the account has ended.
admin-account-reset-two-factor = Reset two-factor sign-in
admin-account-done-two-factor = Two-factor sign-in of the account is off and its sessions have ended; the next sign-in sets it up again where it is required.
admin-account-last-admin = This is the last active administrator: it cannot be disabled or made a moderator. Make someone else an administrator first.
admin-invite-title = Invite a staff member
admin-invite = Create the invitation link
admin-invitation-for = Invitation link for { $email }
admin-invitation-text = { $hours ->
    [one] Send this link to the person yourself. It works once, for { $hours } hour; they set their own password with it. It is shown only now.
   *[other] Send this link to the person yourself. It works once, for { $hours } hours; they set their own password with it. It is shown only now.
}
admin-invitation-link = Link
admin-error-email = Enter an e-mail address like name@police.kz.
admin-error-email-taken = An account with this e-mail exists. Give it a new sign-in link instead.
admin-invitation-title = Set your password
admin-invitation-welcome = Welcome, { $name }. Choose the password for your staff account:
admin-invitation-save = Set the password
admin-invitation-gone = This link does not work: it has been used, it has expired (links work for 72 hours), or it was replaced by a newer one. Ask an administrator for a new link.
staff-role-moderator = Moderator
staff-role-admin = Administrator

# Inspectors and beats
admin-inspectors = Inspectors
admin-inspectors-back = ← All inspectors
admin-inspector-active = Serving
admin-inspector-inactive = Not serving
admin-inspector-rank = Rank
admin-inspector-position = Position
admin-inspector-phone = Work phone
admin-inspector-hours = Reception hours
admin-inspector-active-label = Serving (shown on the public pages)
admin-inspector-active-hint = Untick when the inspector leaves the service: their card and beats are no longer shown as theirs.
admin-photo-title = Photo
admin-photo-label = A new photo (JPEG, PNG or WebP)
admin-photo-hint = { $mb ->
    [one] At most { $mb } MB. It is cropped to the card and saved without its metadata (such as where it was taken).
   *[other] At most { $mb } MB. It is cropped to the card and saved without its metadata (such as where it was taken).
}
admin-photo-upload = Upload the photo
admin-photo-saved = The photo is saved.
admin-error-photo-empty = Choose a photo to upload.
admin-error-photo-large = The file is too large: at most 5 MB.
admin-error-photo-type = This file is not a JPEG, PNG or WebP picture. Choose a photo.
admin-beats = Beats
admin-beats-back = ← All beats
admin-beat-number = Beat
admin-beat-edit = Beat { $name }
admin-beat-substitute = Substitute
admin-beat-substitute-hint = While the inspector is away (leave, sickness), the substitute is shown on the public pages for these dates.
admin-beat-substitute-who = Who covers the beat
admin-beat-from = From
admin-beat-until = Until (inclusive)
admin-error-date = Enter a real date, for example 24.12.2026.
admin-error-substitute-dates = A substitute needs both dates.
admin-error-date-order = The end cannot be before the start.
admin-error-substitute-self = The substitute must be someone other than the beat's inspector.

# Imports in the browser
admin-imports = Imports
admin-import-kind = What the file holds
admin-import-kind-posts = Posts (CSV or GeoJSON)
admin-import-kind-gazetteer = Places of the gazetteer (CSV)
admin-import-kind-inspectors = Inspectors (CSV)
admin-import-kind-beats = Beats (GeoJSON)
admin-import-upload-title = Check a file
admin-import-file = The file
admin-import-file-hint = The same files as the command line imports, with the same columns. Nothing is imported until you confirm the preview.
admin-import-check = Check the file
admin-import-errors = { $count ->
    [one] { $count } problem found; nothing was imported
   *[other] { $count } problems found; nothing was imported
}
admin-import-preview = What the import would do
admin-import-result = What the import did
admin-import-added = Added
admin-import-changed = Changed
admin-import-unchanged = Unchanged
admin-import-confirm-text = Import exactly this file, all or nothing?
admin-import-confirm = Import
admin-import-cancel = Cancel
admin-import-done = Imported. The public pages show the change now.
admin-import-gone = This import is no longer waiting (it was imported, or a day has passed). Check the file again.
admin-import-too-large = The file is too large: at most 10 MB.
admin-import-empty = The file is empty.
admin-import-unreadable = The file cannot be read as UTF-8 CSV or GeoJSON.

# The working-day calendar
admin-calendar = Calendar
admin-calendar-title = Working-day calendar { $year }
admin-calendar-lead = Statutory deadlines count working days: Saturdays, Sundays and the dates below marked as days off do not count; working Saturdays listed here do.
admin-calendar-years = Other years
admin-calendar-date = Date
admin-calendar-kind = Kind of day
admin-calendar-note = Why (holiday, moved day off)
admin-calendar-off = Day off
admin-calendar-working = Working day
admin-calendar-remove = Remove
admin-calendar-empty = No dates differ from the usual week this year.
admin-calendar-add = Add or change a date
admin-calendar-sample = An appeal received on { $received } is due on { $due }.

# The gazetteer
admin-places = Places
admin-places-back = ← All places
admin-place-new = Add a place
admin-place-kind = Kind of place
admin-places-none = No place matches.
admin-error-coordinates = Give the coordinates, or click the map.

# A beat's boundary
admin-boundary-title = Boundary
admin-boundary-label = The boundary as GeoJSON
admin-boundary-hint = A GeoJSON Polygon (or a Feature holding one), longitude first, as in the import files: paste one drawn in a map editor. It is checked as the import checks it.
admin-boundary-save = Save the boundary
admin-boundary-overlaps = This beat overlaps { $beats }: check the boundaries.
admin-boundary-geojson = This is not a GeoJSON Polygon.
admin-boundary-empty = The boundary has no rings.
admin-boundary-few-points = Ring { $ring } has fewer than 4 points.
admin-boundary-not-closed = Ring { $ring } does not close: its last point must repeat its first.
admin-boundary-crosses = Ring { $ring } crosses itself.
admin-boundary-bad-point = Ring { $ring } has a point that is not a coordinate.
admin-boundary-outside = Ring { $ring } lies outside the city.
admin-boundary-hole = Hole { $ring } is not inside the outer ring.
admin-boundary-conflict = Someone else changed this beat meanwhile. Open it again.
admin-inspector-new = Add an inspector
admin-draw-use = Use this outline
admin-draw-clear = Start again
admin-draw-count = Click the map at each corner of the beat: %n so far.

# The outbox
admin-outbox = Messages
admin-outbox-lead = Receipts and notices to residents, as the workers send them. Dead letters come first; a retry sends one again.
admin-outbox-files = No SMTP server or SMS gateway is set for some messages: those are written as files under the data folder's outbox/ instead of being sent (what would have been sent).
admin-outbox-event = Event
admin-outbox-channel = Channel
admin-outbox-attempts = Attempts
admin-outbox-error = Last error
admin-outbox-created = Written
admin-outbox-pending = Waiting
admin-outbox-sent = Sent
admin-outbox-dead = Dead letter
admin-outbox-stopped = Stopped by the resident
admin-outbox-staff = Staff digest
admin-outbox-retry = Try again
admin-outbox-empty = No messages yet.
admin-api-keys = Open311 keys
admin-api-keys-lead = Services that file residents' appeals through Open311 (POST /open311/v2/requests) each need a key. A key is shown once, when it is issued; the portal keeps only its hash. Every request filed with a key is recorded in the audit log with the key's name.
admin-api-key-name = Who holds the key
admin-api-key-name-hint = The service or organisation, e.g. "Atyrau city app"
admin-api-key-prefix = Key begins
admin-api-key-created = Issued
admin-api-key-used = Last used
admin-api-key-filed = Requests filed
admin-api-key-issue = Issue a key
admin-api-key-revoke = Revoke
admin-api-key-revoked = Revoked
admin-api-key-active = In use
admin-api-key-never = Never
admin-api-key-new = The new key for { $name }. Copy it now: it is not shown again.
admin-api-key-taken = A key with this name already exists; choose another name
admin-api-key-name-error = Enter who holds the key (2 to 120 characters)
admin-api-keys-empty = No keys have been issued.
admin-api-key-value = The key (api_key)
admin-inspector-slot-minutes = Minutes per booked reception slot
admin-inspector-slot-minutes-hint = Residents book reception times of this length (5 to 120 minutes).
admin-error-slot-minutes = A whole number of minutes from 5 to 120
