-- Privileges of the role the dashboard connects as in production (ConnectionStrings__Dashboard).
--
-- The tables belong to a separate owner role, the one that runs `dotnet EmploymentDashboard.Web.dll migrate`.
-- The app's role reads and writes the data, but may only add to the audit trail: SELECT and INSERT on
-- audit_log, never UPDATE, DELETE or TRUNCATE. (The AddAuditLog migration also puts a trigger on
-- audit_log that refuses UPDATE, DELETE and TRUNCATE for every role, owner and superusers included.)
--
-- Run as the owner role after creating the app's role and after every `migrate` (new tables need their
-- grants), replacing dashboard_app with the app role's name:
--
--   CREATE ROLE dashboard_app LOGIN PASSWORD '...';
--   GRANT CONNECT ON DATABASE employment_dashboard TO dashboard_app;
--   psql -d employment_dashboard -f docs/operations/app-role.sql
--
-- A test (AuditLogTests) runs this file against a fresh database and checks the result.
GRANT USAGE ON SCHEMA public TO dashboard_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dashboard_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO dashboard_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM dashboard_app;
