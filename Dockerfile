# The orchestrator as a container image: built with the official .NET SDK image, run on the
# ASP.NET Core runtime image as its non-root user. No container engine runs on the project's
# build machines, so this file is kept plain and conventional; CI does not build it.
#   docker build -t talknshop-orchestrator .
#   docker run -p 8000:8000 talknshop-orchestrator
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/TalknShop.Orchestrator/TalknShop.Orchestrator.csproj src/TalknShop.Orchestrator/
RUN dotnet restore src/TalknShop.Orchestrator/TalknShop.Orchestrator.csproj
COPY src/ src/
RUN dotnet publish src/TalknShop.Orchestrator/TalknShop.Orchestrator.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# SQLite (the default store) writes under DATA_DIR; the image's non-root user owns it.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
USER $APP_UID
ENV PORT=8000 \
    ENVIRONMENT=production \
    DATA_DIR=/app/data
EXPOSE 8000
# Probes: GET /alive (liveness: the process answers) and GET /health (readiness: 503 when a
# dependency is unhealthy). The runtime image has no curl, so the orchestrator (compose,
# Kubernetes) does the probing.
ENTRYPOINT ["dotnet", "TalknShop.Orchestrator.dll"]
