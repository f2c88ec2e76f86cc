-- Rate counters are written on every submission, sign-in and wrong tracking guess, and lose
-- nothing of value in a crash (the limits start afresh): no WAL for them, so that a shared
-- limit costs a production server no flush per request.
ALTER TABLE rate_counters SET UNLOGGED;
