# One combined image: the Api co-hosting the silo (grains + stream consumption) and serving the dashboard.
# Build from the repository root after scripts/setup.sh (the dashboard's uPlot files, VADER's lexicon and face-api's
# weights come from .cache):
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
# Files the grains read at run time from the set-up cache (STREAMORLEANS_CACHE below): VADER's lexicon (Trends, from
# scripts/setup/40-vader.sh) and face-api's model weights (Cameras, from scripts/setup/50-faces.sh).
COPY .cache/npm/vader-sentiment-1.1.3/package/vader_lexicon.txt /app/cache/npm/vader-sentiment-1.1.3/package/vader_lexicon.txt
COPY .cache/npm/@vladmandic+face-api-1.7.15/package/model/ /app/cache/npm/@vladmandic+face-api-1.7.15/package/model/
RUN mkdir -p /data && chown -R $APP_UID /data
USER $APP_UID
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    Silo__DataDirectory=/data \
    Cameras__OnnxDirectory=/data/onnx \
    Dashboard__LibraryFolder=/app/Dashboard/lib/uplot \
    STREAMORLEANS_CACHE=/app/cache \
    DOTNET_gcServer=0
# 8080 HTTP; 11111 silo-to-silo and 30000 gateway (Cluster:SiloPort / Cluster:GatewayPort) when replicas form a cluster.
EXPOSE 8080 11111 30000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD curl --fail --silent http://127.0.0.1:8080/health/ready || exit 1
# Replicas on Cluster:Clustering=AzureTable or Postgres must advertise an address the others reach: unless
# Cluster__AdvertisedAddress is given, the container's own first address is used (one container alone, on Localhost
# clustering, ignores it). Azure settings (deploy/azure) come as environment variables; grain state and membership then
# live in Azure Storage, not in /data.
ENTRYPOINT ["/bin/sh", "-c", "if [ -z \"$Cluster__AdvertisedAddress\" ]; then a=$(hostname -I); export Cluster__AdvertisedAddress=\"${a%% *}\"; fi; exec dotnet StreamOrleans.Api.dll \"$@\"", "streamorleans"]
