-- The portal serves as a role with only the privileges it needs; migrations and the command
-- line run as the owner of the tables. The serving role may add to and read the audit log,
-- never change or remove it, and as it owns nothing it cannot disable the log's triggers.
-- Login roles of the serving kind are members of portal_app: the private cluster makes
-- `portal_web`; with DATABASE_URL an administrator grants portal_app to the role it names.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_app') THEN
        CREATE ROLE portal_app NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO portal_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO portal_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO portal_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM portal_app;
REVOKE ALL ON _sqlx_migrations FROM portal_app;

-- Tables and sequences of later migrations get the same; a later migration that adds an
-- append-only table revokes as above.
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO portal_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO portal_app;
