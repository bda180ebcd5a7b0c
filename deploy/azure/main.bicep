// StreamOrleans on Azure Container Apps: one image (the Api co-hosting an Orleans silo) run as N replicas that form one
// Orleans cluster. Membership in Azure Table storage, grain state in Azure Blob storage, streams through Azure Event
// Hubs (its Kafka endpoint with our log provider, or Orleans' Event Hubs provider with checkpoints in Table storage),
// telemetry to Application Insights through the environment's managed OpenTelemetry agent, and a user-assigned managed
// identity holding only the data roles the app needs. Settings reach the app as environment variables ('__' for ':').
// Walk-through: docs/deploy.md. Tests/Deployment/BicepTemplateTests compiles this file and checks its settings.

@description('Location of every resource.')
param location string = resourceGroup().location

@description('Short prefix of resource names (lower-case letters and digits).')
@minLength(3)
@maxLength(12)
param name string = 'streamorl'

@description('Container image, e.g. myregistry.azurecr.io/streamorleans:1.0.0.')
param image string

@description('Name of an Azure Container Registry in this resource group the image is pulled from (with the managed identity); empty for a public image.')
param registryName string = ''

@secure()
@description('API key required by ingest and admin routes (X-Api-Key).')
param apiKey string

@description('How streams travel: "Kafka" = our log provider on Event Hubs\' Kafka endpoint (exactly-once offsets, rewind; a Listen+Send key), "EventHubs" = Orleans\' Event Hubs provider (managed identity, checkpoints in Table storage).')
@allowed([ 'Kafka', 'EventHubs' ])
param streams string = 'Kafka'

@description('Partitions of each event hub; fixed when the hub is created. Orleans balances them (its queues) across replicas.')
@minValue(1)
@maxValue(32)
param partitions int = 8

@description('Replicas always running. They form one Orleans cluster; a killed one is declared dead within seconds and its grains and queues move.')
@minValue(1)
@maxValue(30)
param minReplicas int = 2

@description('Most replicas the HTTP scale rule may start.')
@minValue(1)
@maxValue(30)
param maxReplicas int = 4

@description('Event hubs (Kafka topics) for streams="Kafka": every topic the grains read or write, and the dead-letter topic.')
param topics array = [ 'counter-events', 'user-events', 'recommendations', 'posts', 'trend-alerts', 'frames', 'frames-annotated', 'dead-letters' ]

var suffix = uniqueString(resourceGroup().id)
var storageName = take('${name}st${suffix}', 24)
var eventHubsName = '${name}-eh-${suffix}'
var stateContainer = 'grainstate'
var membershipTable = 'OrleansSiloInstances'
var checkpointTable = 'streamcheckpoints'
var eventHubsHub = 'streams'
var eventHubsConsumerGroup = 'silos'
var siloPort = 11111
var gatewayPort = 30000

// --- identity ---------------------------------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id'
  location: location
}

// --- monitoring -------------------------------------------------------------------------------------------------------

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-ai'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

// --- storage: blobs for grain state, tables for membership and Event Hubs checkpoints ------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // Microsoft Entra only: the app signs in with its managed identity
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource stateBlobs 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: stateContainer
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource membership 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: membershipTable
}

resource checkpoints 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = if (streams == 'EventHubs') {
  parent: tableService
  name: checkpointTable
}

// --- Event Hubs ---------------------------------------------------------------------------------------------------------

resource eventHubs 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: eventHubsName
  location: location
  sku: { name: 'Standard', tier: 'Standard', capacity: 1 } // Standard or above has the Kafka endpoint
  properties: {
    kafkaEnabled: true
    minimumTlsVersion: '1.2'
    disableLocalAuth: streams == 'EventHubs' // keys only where the Kafka client needs one
  }
}

// streams="Kafka": one event hub per topic; the consumer group is the Kafka group "grains", created on first use.
resource topicHubs 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = [for topic in (streams == 'Kafka' ? topics : []): {
  parent: eventHubs
  name: topic
  properties: {
    partitionCount: partitions
    messageRetentionInDays: 7
  }
}]

// streams="Kafka": the Kafka endpoint authenticates SASL PLAIN with a connection string; this rule can only send and listen.
resource kafkaRule 'Microsoft.EventHub/namespaces/authorizationRules@2024-01-01' = if (streams == 'Kafka') {
  parent: eventHubs
  name: 'streamorleans-app'
  properties: { rights: [ 'Listen', 'Send' ] }
}

// streams="EventHubs": Orleans' provider carries every stream namespace in one hub, read by consumer group "silos".
resource streamsHub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = if (streams == 'EventHubs') {
  parent: eventHubs
  name: eventHubsHub
  properties: {
    partitionCount: partitions
    messageRetentionInDays: 7
  }
}

resource streamsConsumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = if (streams == 'EventHubs') {
  parent: streamsHub
  name: eventHubsConsumerGroup
}

// --- least roles for the app's identity -----------------------------------------------------------------------------

var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  eventHubsDataReceiver: 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
  eventHubsDataSender: '2b629674-e913-4c01-ae53-ef4638d8f975'
  acrPull: '7f951dff-4ed5-4cc6-b86b-8e5ff2ac5d9d'
}

// Read and write grain state blobs (the provider creates the container if missing, so the role is on the account, which
// holds nothing but this app's data).
resource stateRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, roles.storageBlobDataContributor)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}

// Membership rows (and Event Hubs checkpoints); Orleans creates its table if missing.
resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

// streams="EventHubs": receive (pulling agents) and send (the API and grains produce) on the one hub, nothing else.
resource receiveRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (streams == 'EventHubs') {
  scope: streamsHub
  name: guid(eventHubs.id, eventHubsHub, identity.id, roles.eventHubsDataReceiver)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventHubsDataReceiver)
  }
}

resource sendRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (streams == 'EventHubs') {
  scope: streamsHub
  name: guid(eventHubs.id, eventHubsHub, identity.id, roles.eventHubsDataSender)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventHubsDataSender)
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = if (!empty(registryName)) {
  name: empty(registryName) ? 'none' : registryName
}

resource pullRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(registryName)) {
  scope: registry
  name: guid(resourceGroup().id, registryName, identity.id, roles.acrPull)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
  }
}

// --- Container Apps -----------------------------------------------------------------------------------------------------

resource environment 'Microsoft.App/managedEnvironments@2024-10-02-preview' = {
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
    // The managed OpenTelemetry agent: apps get OTEL_EXPORTER_OTLP_ENDPOINT, and their traces and logs go to Application Insights.
    appInsightsConfiguration: {
      connectionString: insights.properties.ConnectionString
    }
    openTelemetryConfiguration: {
      tracesConfiguration: { destinations: [ 'appInsights' ] }
      logsConfiguration: { destinations: [ 'appInsights' ] }
    }
    workloadProfiles: [ { name: 'Consumption', workloadProfileType: 'Consumption' } ]
  }
}

// Settings every replica reads at start, whatever carries the streams (Tests/Deployment/BicepTemplateTests checks them
// against the options the silo and the API bind).
var commonEnv = [
  { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
  { name: 'ASPNETCORE_HTTP_PORTS', value: '8080' }
  { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId } // DefaultAzureCredential picks this managed identity
  { name: 'Api__ApiKey', secretRef: 'api-key' }
  { name: 'Cluster__Clustering', value: 'AzureTable' }
  { name: 'Cluster__ClusterId', value: name }
  { name: 'Cluster__SiloPort', value: string(siloPort) }
  { name: 'Cluster__GatewayPort', value: string(gatewayPort) }
  { name: 'Cluster__AzureTable__ServiceUri', value: storage.properties.primaryEndpoints.table }
  { name: 'Cluster__AzureTable__TableName', value: membershipTable }
  { name: 'Silo__StateProvider', value: 'AzureBlob' }
  { name: 'Storage__AzureBlob__ServiceUri', value: storage.properties.primaryEndpoints.blob }
  { name: 'Storage__AzureBlob__ContainerName', value: stateContainer }
  { name: 'Streams__DefaultPartitions', value: string(partitions) }
  { name: 'OTEL_SERVICE_NAME', value: name }
]

// streams="Kafka": our log provider on the Kafka endpoint (SASL PLAIN over TLS: user "$ConnectionString", password the key).
var kafkaEnv = [
  { name: 'Silo__LogProvider', value: 'Kafka' }
  { name: 'Streams__Kafka__BootstrapServers', value: '${eventHubsName}.servicebus.windows.net:9093' }
  { name: 'Streams__Kafka__SecurityProtocol', value: 'SaslSsl' }
  { name: 'Streams__Kafka__SaslMechanism', value: 'Plain' }
  { name: 'Streams__Kafka__SaslUsername', value: '$ConnectionString' }
  { name: 'Streams__Kafka__SaslPassword', secretRef: 'eventhubs' }
]

// streams="EventHubs": Orleans' provider, signed in with the managed identity; checkpoints in the Table service.
var eventHubsEnv = [
  { name: 'Silo__LogProvider', value: 'EventHubs' }
  { name: 'Streams__EventHubs__FullyQualifiedNamespace', value: '${eventHubsName}.servicebus.windows.net' }
  { name: 'Streams__EventHubs__EventHubName', value: eventHubsHub }
  { name: 'Streams__EventHubs__ConsumerGroup', value: eventHubsConsumerGroup }
  { name: 'Streams__EventHubs__CheckpointTableServiceUri', value: storage.properties.primaryEndpoints.table }
  { name: 'Streams__EventHubs__CheckpointTable', value: checkpointTable }
]

var secrets = concat([ { name: 'api-key', value: apiKey } ], streams == 'Kafka' ? [ { name: 'eventhubs', value: kafkaRule!.listKeys().primaryConnectionString } ] : [])

resource app 'Microsoft.App/containerApps@2024-10-02-preview' = {
  name: '${name}-app'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'http'
        allowInsecure: false
        // Orleans' silo-to-silo and gateway ports, reachable inside the environment only (replicas connect to each
        // other's advertised addresses: the image's entry point advertises the replica's own IP).
        additionalPortMappings: [
          { external: false, targetPort: siloPort, exposedPort: siloPort }
          { external: false, targetPort: gatewayPort, exposedPort: gatewayPort }
        ]
      }
      registries: empty(registryName) ? [] : [ { server: '${registryName}.azurecr.io', identity: identity.id } ]
      secrets: secrets
    }
    template: {
      // A replica being replaced gets SIGTERM and this long to hand its queues over (checkpoint) and leave the cluster.
      terminationGracePeriodSeconds: 60
      containers: [
        {
          name: 'streamorleans'
          image: image
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: concat(commonEnv, streams == 'Kafka' ? kafkaEnv : eventHubsEnv)
          probes: [
            { type: 'Startup', httpGet: { path: '/health/live', port: 8080 }, periodSeconds: 5, failureThreshold: 24 }
            { type: 'Liveness', httpGet: { path: '/health/live', port: 8080 }, periodSeconds: 15, failureThreshold: 3 }
            { type: 'Readiness', httpGet: { path: '/health/ready', port: 8080 }, periodSeconds: 10, failureThreshold: 3 }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: max(minReplicas, maxReplicas)
        rules: [ { name: 'http', http: { metadata: { concurrentRequests: '100' } } } ]
      }
    }
  }
  dependsOn: [ stateBlobs, membership, checkpoints, topicHubs, streamsConsumerGroup, stateRole, tableRole, receiveRole, sendRole, pullRole ]
}

output url string = 'https://${app.properties.configuration.ingress.fqdn}'
output dashboard string = 'https://${app.properties.configuration.ingress.fqdn}/dashboard/'
output storageAccount string = storage.name
output eventHubsNamespace string = eventHubs.name
output identityClientId string = identity.properties.clientId
