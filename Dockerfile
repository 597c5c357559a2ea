# syntax=docker/dockerfile:1
# EmploymentDashboard web app.
#
#   docker build -t employment-dashboard .
#   docker run --rm -p 5080:8080 \
#       -e ConnectionStrings__Dashboard='Host=...;Port=5432;Database=employment_dashboard;Username=...;Password=...' \
#       employment-dashboard
#
# The container applies EF Core migrations and then serves on port 8080
# (Dashboard__ApplyMigrationsOnStartup=true); the database must exist.
# Arguments after the image name are app commands, e.g.
#   docker run --rm -it -e ConnectionStrings__Dashboard=... employment-dashboard create-admin --email admin@example.org
#   docker run --rm -e ConnectionStrings__Dashboard=... employment-dashboard migrate
# Usually run through docker-compose.yml (PostgreSQL + app).

# ---- build ------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
WORKDIR /src

# Restore in its own layer: only redone when project files or package versions
# change. Add new src/ projects referenced by the web app here.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig EmploymentDashboard.sln ./
COPY src/EmploymentDashboard.Data/EmploymentDashboard.Data.csproj src/EmploymentDashboard.Data/
COPY src/EmploymentDashboard.Web/EmploymentDashboard.Web.csproj src/EmploymentDashboard.Web/
RUN dotnet restore src/EmploymentDashboard.Web/EmploymentDashboard.Web.csproj

COPY src/ src/
RUN dotnet publish src/EmploymentDashboard.Web/EmploymentDashboard.Web.csproj \
        -c Release -o /app --no-restore -p:UseAppHost=false

# ---- runtime ----------------------------------------------------------------
# The .NET 10 images are Ubuntu 24.04 based (Microsoft ships no Debian images
# for .NET 10); they include ICU, which the app needs for its ru/kk/en
# cultures, so globalization stays in full (non-invariant) mode.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime

# The Data Protection keys (sign-in and antiforgery cookies) live in
# PostgreSQL (table data_protection_keys), shared by every instance: the
# container keeps no state of its own.

WORKDIR /app
COPY --from=build /app ./

# ASPNETCORE_HTTP_PORTS (set to 8080 by the base image) is cleared so that
# ASPNETCORE_URLS alone decides, without an "overriding HTTP_PORTS" warning.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false \
    DOTNET_GCgen0size=0x800000 \
    Dashboard__ApplyMigrationsOnStartup=true

EXPOSE 8080

# Ready = the database answers and no migration is pending (/health/live only says the process serves).
# No curl in the image: a bare HTTP/1.1 request through bash.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# Non-root user provided by the .NET images (app, UID 1654).
USER $APP_UID

# SIGTERM (docker stop) drains requests for Dashboard__ShutdownTimeoutSeconds (default 30 s): run the container with a
# longer stop timeout (docker compose: stop_grace_period 40s; docker stop -t 40), or Docker's 10 s default cuts it.
ENTRYPOINT ["dotnet", "EmploymentDashboard.Web.dll"]
