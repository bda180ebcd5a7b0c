// StreamOrleans on Azure Container Apps: one combined Api+silo container, Azure Event Hubs (Kafka endpoint) as the
// stream log, Azure Database for PostgreSQL (flexible server) as grain state. Secrets go in as Container Apps secrets
// and reach the app as configuration keys (environment variables, '__' for ':').
// Deploy: see docs/deploy.md.

@description('Location of every resource.')
param location string = resourceGroup().location

@description('Short name used as a prefix of resource names (lower-case letters and digits).')
@minLength(3)
@maxLength(12)
param name string = 'streamorl'

@description('Container image, e.g. myregistry.azurecr.io/streamorleans:1.0.0.')
param image string

@description('Registry server of the image (e.g. myregistry.azurecr.io); empty for a public image.')
param registryServer string = ''

@description('Registry user name (empty for a public image).')
param registryUsername string = ''

@secure()
@description('Registry password (empty for a public image).')
param registryPassword string = ''

@secure()
@description('API key required by ingest and admin routes (X-Api-Key).')
param apiKey string

@description('PostgreSQL administrator login.')
param postgresAdmin string = 'streamorleans'

@secure()
@description('PostgreSQL administrator password.')
param postgresPassword string

@description('Partitions of each Event Hub (Kafka topic); fixed at creation.')
@minValue(1)
@maxValue(32)
param partitions int = 8

@description('Replicas of the app: they form one Orleans cluster (membership in PostgreSQL) and Orleans balances the queues among them.')
@minValue(1)
@maxValue(30)
param maxReplicas int = 3

@description('Event Hubs (Kafka topics) to create: every topic the grains read or write, and the dead-letter topic.')
param topics array = [ 'counter-events', 'user-events', 'recommendations', 'posts', 'trend-alerts', 'frames', 'frames-annotated', 'dead-letters' ]

var suffix = uniqueString(resourceGroup().id)
var eventHubsName = '${name}-eh-${suffix}'
var postgresName = '${name}-pg-${suffix}'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource eventHubs 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: eventHubsName
  location: location
  sku: { name: 'Standard', tier: 'Standard', capacity: 1 } // Standard or above exposes the Kafka endpoint
  properties: {
    kafkaEnabled: true
    minimumTlsVersion: '1.2'
  }
}

resource hubs 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = [for topic in topics: {
  parent: eventHubs
  name: topic
  properties: {
    partitionCount: partitions
    messageRetentionInDays: 7
  }
}]

resource appRule 'Microsoft.EventHub/namespaces/authorizationRules@2024-01-01' = {
  parent: eventHubs
  name: 'streamorleans-app'
  properties: { rights: [ 'Listen', 'Send' ] }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2023-12-01-preview' = {
  name: postgresName
  location: location
  sku: { name: 'Standard_B2s', tier: 'Burstable' }
  properties: {
    version: '16'
    administratorLogin: postgresAdmin
    administratorLoginPassword: postgresPassword
    storage: { storageSizeGB: 32 }
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2023-12-01-preview' = {
  parent: postgres
  name: 'streamorleans'
}

// Lets Azure services (the Container Apps environment) reach the server. Prefer VNet integration in production.
resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2023-12-01-preview' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

var registrySecrets = empty(registryServer) ? [] : [ { name: 'registry-password', value: registryPassword } ]
var registries = empty(registryServer) ? [] : [ { server: registryServer, username: registryUsername, passwordSecretRef: 'registry-password' } ]

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${name}-app'
  location: location
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      ingress: {
        external: true
        targetPort: 8080
        transport: 'http'
        allowInsecure: false
      }
      registries: registries
      secrets: concat([
        { name: 'api-key', value: apiKey }
        { name: 'postgres', value: 'Host=${postgres.properties.fullyQualifiedDomainName};Database=streamorleans;Username=${postgresAdmin};Password=${postgresPassword};SSL Mode=Require' }
        { name: 'eventhubs', value: appRule.listKeys().primaryConnectionString }
      ], registrySecrets)
    }
    template: {
      containers: [
        {
          name: 'streamorleans'
          image: image
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: [
            { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
            { name: 'ASPNETCORE_HTTP_PORTS', value: '8080' }
            { name: 'Api__ApiKey', secretRef: 'api-key' }
            { name: 'Silo__LogProvider', value: 'Kafka' }
            { name: 'Silo__StateProvider', value: 'Postgres' }
            { name: 'ConnectionStrings__Postgres', secretRef: 'postgres' }
            // One Orleans cluster across replicas: membership in PostgreSQL; each replica advertises its own address
            // (the image's entry point sets Cluster__AdvertisedAddress) on the silo and gateway ports.
            { name: 'Cluster__Clustering', value: 'Postgres' }
            { name: 'Cluster__SiloPort', value: '11111' }
            { name: 'Cluster__GatewayPort', value: '30000' }
            // Event Hubs' Kafka endpoint: SASL PLAIN over TLS, user "$ConnectionString", password = the connection string.
            { name: 'Streams__Kafka__BootstrapServers', value: '${eventHubsName}.servicebus.windows.net:9093' }
            { name: 'Streams__Kafka__SecurityProtocol', value: 'SaslSsl' }
            { name: 'Streams__Kafka__SaslMechanism', value: 'Plain' }
            { name: 'Streams__Kafka__SaslUsername', value: '$ConnectionString' }
            { name: 'Streams__Kafka__SaslPassword', secretRef: 'eventhubs' }
            { name: 'Streams__DefaultPartitions', value: string(partitions) }
          ]
          probes: [
            { type: 'Startup', httpGet: { path: '/health/live', port: 8080 }, periodSeconds: 5, failureThreshold: 24 }
            { type: 'Liveness', httpGet: { path: '/health/live', port: 8080 }, periodSeconds: 15, failureThreshold: 3 }
            { type: 'Readiness', httpGet: { path: '/health/ready', port: 8080 }, periodSeconds: 10, failureThreshold: 3 }
          ]
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: maxReplicas
        rules: [ { name: 'http', http: { metadata: { concurrentRequests: '100' } } } ]
      }
    }
  }
  dependsOn: [ hubs, database, allowAzure ]
}

output url string = 'https://${app.properties.configuration.ingress.fqdn}'
output dashboard string = 'https://${app.properties.configuration.ingress.fqdn}/dashboard/'
output eventHubsNamespace string = eventHubs.name
output postgresServer string = postgres.properties.fullyQualifiedDomainName
