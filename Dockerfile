# One combined image: the Api co-hosting the silo (grains + stream consumption) and serving the dashboard.
# Build from the repository root after scripts/setup.sh (the dashboard's uPlot files come from .cache):
#   docker build -t streamorleans:latest .
# (docker cannot run on the project's build machines; see docs/deploy.md for what was validated here.)

# --- build ---
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig StreamOrleans.sln ./
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
COPY Streaming/ Streaming/
COPY Persistence/ Persistence/
COPY Silo/ Silo/
COPY Api/ Api/
RUN dotnet publish Api/StreamOrleans.Api.csproj -c Release -o /app --no-self-contained

# --- runtime ---
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime
# Packages the grains use at run time (JPEG codec for camera frames, a font for their labels; librdkafka, ONNX
# Runtime and Skia come with their NuGet packages in the published output).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libturbojpeg fonts-dejavu-core curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# Charting library of the dashboard, fetched by scripts/setup/60-dashboard.sh.
COPY .cache/npm/uplot-1.6.32/package/dist/ /app/Dashboard/lib/uplot/
RUN mkdir -p /data && chown -R $APP_UID /data
USER $APP_UID
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    Silo__DataDirectory=/data \
    Cameras__OnnxDirectory=/data/onnx \
    Dashboard__LibraryFolder=/app/Dashboard/lib/uplot \
    DOTNET_gcServer=0
# 8080 HTTP; 11111 silo-to-silo and 30000 gateway (Cluster:SiloPort / Cluster:GatewayPort) when replicas form a cluster.
EXPOSE 8080 11111 30000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD curl --fail --silent http://127.0.0.1:8080/health/ready || exit 1
# Replicas on Cluster:Clustering=Postgres must advertise an address the others reach: unless Cluster__AdvertisedAddress
# is given, the container's own first address is used (one container alone, on Localhost clustering, ignores it).
ENTRYPOINT ["/bin/sh", "-c", "if [ -z \"$Cluster__AdvertisedAddress\" ]; then a=$(hostname -I); export Cluster__AdvertisedAddress=\"${a%% *}\"; fi; exec dotnet StreamOrleans.Api.dll \"$@\"", "streamorleans"]
