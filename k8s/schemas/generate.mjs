// Writes the JSON schemas kubeconform validates k8s/ against (npm test, no network): hand-written,
// minimal but strict subsets of the Kubernetes 1.31 OpenAPI and of the CRDs' openAPIV3Schema
// (Strimzi 0.47 kafka.strimzi.io/v1beta2 Kafka, KafkaNodePool, KafkaTopic; CloudNativePG 1.26
// postgresql.cnpg.io/v1 Cluster; Prometheus operator monitoring.coreos.com/v1 ServiceMonitor).
// Every object lists its fields with additionalProperties: false, so a misspelt or misplaced field
// fails; sub-trees we do not use are left open ({ type: object }). A field we start using must be
// added here first (then: node k8s/schemas/generate.mjs). File names follow kubeconform's
// `{{ .ResourceKind }}{{ .KindSuffix }}.json` (deployment-apps-v1.json, service-v1.json).
import { writeFileSync } from 'node:fs';

const here = new URL('.', import.meta.url).pathname;
const str = { type: 'string' };
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const open = { type: 'object' };
const intOrStr = { anyOf: [{ type: 'integer' }, { type: 'string' }] };
const strMap = { type: 'object', additionalProperties: { type: 'string' } };
const arr = (items) => ({ type: 'array', items });
const oneOfStr = (...values) => ({ type: 'string', enum: values });
const obj = (properties, required = []) => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
  additionalProperties: false,
});

const metadata = (nameRequired = true) =>
  obj(
    {
      name: str,
      generateName: str,
      namespace: str,
      labels: strMap,
      annotations: strMap,
      finalizers: arr(str),
    },
    nameRequired ? ['name'] : [],
  );
const quantityMap = { type: 'object', additionalProperties: intOrStr };
const resources = obj({ requests: quantityMap, limits: quantityMap, claims: open });
const selector = obj({
  matchLabels: strMap,
  matchExpressions: arr(
    obj({ key: str, operator: oneOfStr('In', 'NotIn', 'Exists', 'DoesNotExist'), values: arr(str) }, [
      'key',
      'operator',
    ]),
  ),
});
const seccomp = obj({ type: oneOfStr('RuntimeDefault', 'Unconfined', 'Localhost'), localhostProfile: str }, [
  'type',
]);
const containerSecurity = obj({
  allowPrivilegeEscalation: bool,
  readOnlyRootFilesystem: bool,
  runAsNonRoot: bool,
  runAsUser: int,
  runAsGroup: int,
  privileged: bool,
  capabilities: obj({ add: arr(str), drop: arr(str) }),
  seccompProfile: seccomp,
});
const podSecurity = obj({
  runAsNonRoot: bool,
  runAsUser: int,
  runAsGroup: int,
  fsGroup: int,
  fsGroupChangePolicy: oneOfStr('OnRootMismatch', 'Always'),
  supplementalGroups: arr(int),
  seccompProfile: seccomp,
});
const httpGet = obj(
  { path: str, port: intOrStr, host: str, scheme: oneOfStr('HTTP', 'HTTPS'), httpHeaders: arr(open) },
  ['port'],
);
const execAction = obj({ command: arr(str) });
const tcpSocket = obj({ port: intOrStr, host: str }, ['port']);
const probe = obj({
  httpGet,
  exec: execAction,
  tcpSocket,
  grpc: obj({ port: int, service: str }, ['port']),
  initialDelaySeconds: int,
  periodSeconds: int,
  timeoutSeconds: int,
  failureThreshold: int,
  successThreshold: int,
  terminationGracePeriodSeconds: int,
});
const handler = obj({ exec: execAction, httpGet, tcpSocket, sleep: obj({ seconds: int }, ['seconds']) });
const keyRef = obj({ name: str, key: str, optional: bool }, ['key']);
const envVar = obj(
  {
    name: str,
    value: str,
    valueFrom: obj({
      fieldRef: obj({ fieldPath: str, apiVersion: str }, ['fieldPath']),
      secretKeyRef: keyRef,
      configMapKeyRef: keyRef,
      resourceFieldRef: obj({ resource: str, containerName: str, divisor: intOrStr }, ['resource']),
    }),
  },
  ['name'],
);
const envFrom = obj({
  prefix: str,
  configMapRef: obj({ name: str, optional: bool }),
  secretRef: obj({ name: str, optional: bool }),
});
const container = obj(
  {
    name: str,
    image: str,
    imagePullPolicy: oneOfStr('Always', 'IfNotPresent', 'Never'),
    command: arr(str),
    args: arr(str),
    workingDir: str,
    ports: arr(
      obj(
        {
          name: { type: 'string', pattern: '^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$' },
          containerPort: { type: 'integer', minimum: 1, maximum: 65535 },
          protocol: oneOfStr('TCP', 'UDP', 'SCTP'),
          hostPort: int,
          hostIP: str,
        },
        ['containerPort'],
      ),
    ),
    env: arr(envVar),
    envFrom: arr(envFrom),
    volumeMounts: arr(
      obj({ name: str, mountPath: str, readOnly: bool, subPath: str, mountPropagation: str }, [
        'name',
        'mountPath',
      ]),
    ),
    resources,
    livenessProbe: probe,
    readinessProbe: probe,
    startupProbe: probe,
    lifecycle: obj({ postStart: handler, preStop: handler }),
    securityContext: containerSecurity,
    terminationMessagePath: str,
    terminationMessagePolicy: oneOfStr('File', 'FallbackToLogsOnError'),
    stdin: bool,
    tty: bool,
  },
  ['name'],
);
const keyToPath = obj({ key: str, path: str, mode: int }, ['key', 'path']);
const volume = obj(
  {
    name: str,
    emptyDir: obj({ medium: str, sizeLimit: intOrStr }),
    secret: obj({ secretName: str, items: arr(keyToPath), optional: bool, defaultMode: int }),
    configMap: obj({ name: str, items: arr(keyToPath), optional: bool, defaultMode: int }),
    persistentVolumeClaim: obj({ claimName: str, readOnly: bool }, ['claimName']),
    projected: open,
  },
  ['name'],
);
const podAffinityTerm = obj(
  {
    labelSelector: selector,
    namespaceSelector: selector,
    namespaces: arr(str),
    topologyKey: str,
    matchLabelKeys: arr(str),
    mismatchLabelKeys: arr(str),
  },
  ['topologyKey'],
);
const podAffinity = obj({
  requiredDuringSchedulingIgnoredDuringExecution: arr(podAffinityTerm),
  preferredDuringSchedulingIgnoredDuringExecution: arr(
    obj({ weight: { type: 'integer', minimum: 1, maximum: 100 }, podAffinityTerm }, [
      'weight',
      'podAffinityTerm',
    ]),
  ),
});
const podSpec = obj(
  {
    containers: { ...arr(container), minItems: 1 },
    initContainers: arr(container),
    volumes: arr(volume),
    serviceAccountName: str,
    automountServiceAccountToken: bool,
    terminationGracePeriodSeconds: int,
    activeDeadlineSeconds: int,
    securityContext: podSecurity,
    affinity: obj({ podAntiAffinity: podAffinity, podAffinity, nodeAffinity: open }),
    topologySpreadConstraints: arr(
      obj(
        {
          maxSkew: { type: 'integer', minimum: 1 },
          topologyKey: str,
          whenUnsatisfiable: oneOfStr('DoNotSchedule', 'ScheduleAnyway'),
          labelSelector: selector,
          minDomains: int,
          matchLabelKeys: arr(str),
          nodeAffinityPolicy: str,
          nodeTaintsPolicy: str,
        },
        ['maxSkew', 'topologyKey', 'whenUnsatisfiable'],
      ),
    ),
    restartPolicy: oneOfStr('Always', 'OnFailure', 'Never'),
    nodeSelector: strMap,
    tolerations: arr(open),
    priorityClassName: str,
    imagePullSecrets: arr(obj({ name: str })),
    hostname: str,
    subdomain: str,
    dnsPolicy: str,
    enableServiceLinks: bool,
  },
  ['containers'],
);
const podTemplate = obj({ metadata: metadata(false), spec: podSpec });
const pvcSpec = obj({
  accessModes: arr(oneOfStr('ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod')),
  resources: obj({ requests: quantityMap, limits: quantityMap }),
  storageClassName: str,
  volumeMode: str,
  selector,
});

const resource = (apiVersion, kind, properties = {}, required = []) => ({
  $schema: 'http://json-schema.org/schema#',
  description: `${kind} (${apiVersion}): minimal strict subset, see k8s/schemas/generate.mjs`,
  type: 'object',
  properties: {
    apiVersion: { type: 'string', enum: [apiVersion] },
    kind: { type: 'string', enum: [kind] },
    metadata: metadata(),
    ...properties,
  },
  required: ['apiVersion', 'kind', 'metadata', ...required],
  additionalProperties: false,
});

const metricTarget = obj(
  {
    type: oneOfStr('Utilization', 'Value', 'AverageValue'),
    averageUtilization: int,
    averageValue: intOrStr,
    value: intOrStr,
  },
  ['type'],
);
const scalingRules = obj({
  stabilizationWindowSeconds: { type: 'integer', minimum: 0, maximum: 3600 },
  selectPolicy: oneOfStr('Max', 'Min', 'Disabled'),
  policies: arr(
    obj({ type: oneOfStr('Pods', 'Percent'), value: int, periodSeconds: int }, [
      'type',
      'value',
      'periodSeconds',
    ]),
  ),
});
const netPeer = obj({
  podSelector: selector,
  namespaceSelector: selector,
  ipBlock: obj({ cidr: str, except: arr(str) }, ['cidr']),
});
const netPorts = arr(obj({ port: intOrStr, endPort: int, protocol: oneOfStr('TCP', 'UDP', 'SCTP') }));
const kafkaStorageVolume = obj({
  id: int,
  type: oneOfStr('ephemeral', 'persistent-claim'),
  size: str,
  sizeLimit: str,
  class: str,
  deleteClaim: bool,
  kraftMetadata: oneOfStr('shared'),
  selector: strMap,
});
const kafkaStorage = obj(
  {
    type: oneOfStr('ephemeral', 'persistent-claim', 'jbod'),
    size: str,
    sizeLimit: str,
    class: str,
    deleteClaim: bool,
    kraftMetadata: oneOfStr('shared'),
    volumes: arr(kafkaStorageVolume),
  },
  ['type'],
);
const cnpgStorage = obj({ size: str, storageClass: str, resizeInUseVolumes: bool, pvcTemplate: open });

const schemas = {
  'namespace-v1': resource('v1', 'Namespace', { spec: obj({ finalizers: arr(str) }) }),
  'configmap-v1': resource('v1', 'ConfigMap', { data: strMap, binaryData: strMap, immutable: bool }),
  'serviceaccount-v1': resource('v1', 'ServiceAccount', {
    automountServiceAccountToken: bool,
    imagePullSecrets: arr(obj({ name: str })),
    secrets: arr(open),
  }),
  'service-v1': resource(
    'v1',
    'Service',
    {
      spec: obj({
        type: oneOfStr('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'),
        selector: strMap,
        clusterIP: str,
        publishNotReadyAddresses: bool,
        sessionAffinity: oneOfStr('None', 'ClientIP'),
        externalTrafficPolicy: oneOfStr('Cluster', 'Local'),
        internalTrafficPolicy: oneOfStr('Cluster', 'Local'),
        ipFamilyPolicy: str,
        loadBalancerSourceRanges: arr(str),
        ports: arr(
          obj(
            {
              name: str,
              port: { type: 'integer', minimum: 1, maximum: 65535 },
              targetPort: intOrStr,
              protocol: oneOfStr('TCP', 'UDP', 'SCTP'),
              nodePort: int,
              appProtocol: str,
            },
            ['port'],
          ),
        ),
      }),
    },
    ['spec'],
  ),
  'deployment-apps-v1': resource(
    'apps/v1',
    'Deployment',
    {
      spec: obj(
        {
          replicas: { type: 'integer', minimum: 0 },
          selector,
          template: podTemplate,
          strategy: obj({
            type: oneOfStr('RollingUpdate', 'Recreate'),
            rollingUpdate: obj({ maxSurge: intOrStr, maxUnavailable: intOrStr }),
          }),
          revisionHistoryLimit: int,
          minReadySeconds: int,
          progressDeadlineSeconds: int,
          paused: bool,
        },
        ['selector', 'template'],
      ),
    },
    ['spec'],
  ),
  'statefulset-apps-v1': resource(
    'apps/v1',
    'StatefulSet',
    {
      spec: obj(
        {
          replicas: { type: 'integer', minimum: 0 },
          selector,
          template: podTemplate,
          serviceName: str,
          podManagementPolicy: oneOfStr('OrderedReady', 'Parallel'),
          updateStrategy: obj({ type: oneOfStr('RollingUpdate', 'OnDelete'), rollingUpdate: open }),
          volumeClaimTemplates: arr(obj({ metadata: metadata(), spec: pvcSpec })),
          revisionHistoryLimit: int,
          minReadySeconds: int,
          persistentVolumeClaimRetentionPolicy: open,
          ordinals: obj({ start: int }),
        },
        ['selector', 'template'],
      ),
    },
    ['spec'],
  ),
  'job-batch-v1': resource(
    'batch/v1',
    'Job',
    {
      spec: obj(
        {
          template: podTemplate,
          backoffLimit: int,
          activeDeadlineSeconds: int,
          ttlSecondsAfterFinished: int,
          completions: int,
          parallelism: int,
          completionMode: oneOfStr('NonIndexed', 'Indexed'),
          suspend: bool,
          podFailurePolicy: open,
        },
        ['template'],
      ),
    },
    ['spec'],
  ),
  'ingress-networking-v1': resource(
    'networking.k8s.io/v1',
    'Ingress',
    {
      spec: obj({
        ingressClassName: str,
        defaultBackend: open,
        tls: arr(obj({ hosts: arr(str), secretName: str })),
        rules: arr(
          obj({
            host: str,
            http: obj(
              {
                paths: arr(
                  obj(
                    {
                      path: str,
                      pathType: oneOfStr('Exact', 'Prefix', 'ImplementationSpecific'),
                      backend: obj({
                        service: obj({ name: str, port: obj({ name: str, number: int }) }, ['name']),
                        resource: open,
                      }),
                    },
                    ['pathType', 'backend'],
                  ),
                ),
              },
              ['paths'],
            ),
          }),
        ),
      }),
    },
    ['spec'],
  ),
  'horizontalpodautoscaler-autoscaling-v2': resource(
    'autoscaling/v2',
    'HorizontalPodAutoscaler',
    {
      spec: obj(
        {
          scaleTargetRef: obj({ apiVersion: str, kind: str, name: str }, ['kind', 'name']),
          minReplicas: { type: 'integer', minimum: 1 },
          maxReplicas: { type: 'integer', minimum: 1 },
          metrics: arr(
            obj(
              {
                type: oneOfStr('Resource', 'External', 'Pods', 'Object', 'ContainerResource'),
                resource: obj({ name: str, target: metricTarget }, ['name', 'target']),
                external: obj({ metric: obj({ name: str, selector }, ['name']), target: metricTarget }, [
                  'metric',
                  'target',
                ]),
                pods: open,
                object: open,
                containerResource: open,
              },
              ['type'],
            ),
          ),
          behavior: obj({ scaleUp: scalingRules, scaleDown: scalingRules }),
        },
        ['scaleTargetRef', 'maxReplicas'],
      ),
    },
    ['spec'],
  ),
  'poddisruptionbudget-policy-v1': resource(
    'policy/v1',
    'PodDisruptionBudget',
    {
      spec: obj({
        minAvailable: intOrStr,
        maxUnavailable: intOrStr,
        selector,
        unhealthyPodEvictionPolicy: oneOfStr('IfHealthyBudget', 'AlwaysAllow'),
      }),
    },
    ['spec'],
  ),
  'networkpolicy-networking-v1': resource(
    'networking.k8s.io/v1',
    'NetworkPolicy',
    {
      spec: obj(
        {
          podSelector: selector,
          policyTypes: arr(oneOfStr('Ingress', 'Egress')),
          ingress: arr(obj({ from: arr(netPeer), ports: netPorts })),
          egress: arr(obj({ to: arr(netPeer), ports: netPorts })),
        },
        ['podSelector'],
      ),
    },
    ['spec'],
  ),
  // ---- CRDs
  'kafkatopic-kafka-v1beta2': resource(
    'kafka.strimzi.io/v1beta2',
    'KafkaTopic',
    {
      spec: obj({
        topicName: str,
        partitions: { type: 'integer', minimum: 1 },
        replicas: { type: 'integer', minimum: 1, maximum: 32767 },
        config: open,
      }),
      status: open,
    },
    ['spec'],
  ),
  'kafkanodepool-kafka-v1beta2': resource(
    'kafka.strimzi.io/v1beta2',
    'KafkaNodePool',
    {
      spec: obj(
        {
          replicas: { type: 'integer', minimum: 0 },
          roles: { ...arr(oneOfStr('controller', 'broker')), minItems: 1 },
          storage: kafkaStorage,
          resources,
          jvmOptions: open,
          template: open,
        },
        ['replicas', 'roles', 'storage'],
      ),
      status: open,
    },
    ['spec'],
  ),
  'kafka-kafka-v1beta2': resource(
    'kafka.strimzi.io/v1beta2',
    'Kafka',
    {
      spec: obj(
        {
          kafka: obj(
            {
              version: str,
              metadataVersion: str,
              replicas: int,
              image: str,
              listeners: {
                ...arr(
                  obj(
                    {
                      name: { type: 'string', pattern: '^[a-z0-9]{1,11}$' },
                      port: { type: 'integer', minimum: 9092 },
                      type: oneOfStr(
                        'internal',
                        'route',
                        'loadbalancer',
                        'nodeport',
                        'ingress',
                        'cluster-ip',
                      ),
                      tls: bool,
                      authentication: open,
                      configuration: open,
                      networkPolicyPeers: arr(open),
                    },
                    ['name', 'port', 'type', 'tls'],
                  ),
                ),
                minItems: 1,
              },
              config: open,
              rack: obj({ topologyKey: str }, ['topologyKey']),
              authorization: open,
              storage: kafkaStorage,
              resources,
              jvmOptions: open,
              metricsConfig: open,
              template: open,
            },
            ['listeners'],
          ),
          entityOperator: obj({ topicOperator: open, userOperator: open, template: open }),
          kafkaExporter: obj({ groupRegex: str, topicRegex: str, resources, template: open }),
          cruiseControl: open,
        },
        ['kafka'],
      ),
      status: open,
    },
    ['spec'],
  ),
  'cluster-postgresql-v1': resource(
    'postgresql.cnpg.io/v1',
    'Cluster',
    {
      spec: obj(
        {
          instances: { type: 'integer', minimum: 1 },
          imageName: str,
          description: str,
          primaryUpdateStrategy: oneOfStr('unsupervised', 'supervised'),
          storage: cnpgStorage,
          walStorage: cnpgStorage,
          bootstrap: obj({
            initdb: obj({
              database: str,
              owner: str,
              secret: obj({ name: str }, ['name']),
              postInitSQL: arr(str),
            }),
            recovery: open,
            pg_basebackup: open,
          }),
          postgresql: obj({ parameters: strMap, pg_hba: arr(str), shared_preload_libraries: arr(str) }),
          affinity: obj({
            enablePodAntiAffinity: bool,
            topologyKey: str,
            podAntiAffinityType: oneOfStr('preferred', 'required'),
            nodeSelector: strMap,
            tolerations: arr(open),
          }),
          monitoring: obj({ enablePodMonitor: bool, customQueriesConfigMap: arr(open) }),
          resources,
          backup: open,
          superuserSecret: obj({ name: str }, ['name']),
          enableSuperuserAccess: bool,
        },
        ['instances'],
      ),
      status: open,
    },
    ['spec'],
  ),
  'servicemonitor-monitoring-v1': resource(
    'monitoring.coreos.com/v1',
    'ServiceMonitor',
    {
      spec: obj(
        {
          selector,
          namespaceSelector: obj({ any: bool, matchNames: arr(str) }),
          endpoints: arr(
            obj({
              port: str,
              targetPort: intOrStr,
              path: str,
              scheme: oneOfStr('http', 'https'),
              interval: {
                type: 'string',
                pattern:
                  '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$',
              },
              scrapeTimeout: {
                type: 'string',
                pattern:
                  '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$',
              },
              honorLabels: bool,
              relabelings: arr(open),
              metricRelabelings: arr(open),
              tlsConfig: open,
              bearerTokenSecret: open,
            }),
          ),
          jobLabel: str,
          targetLabels: arr(str),
          podTargetLabels: arr(str),
          sampleLimit: int,
        },
        ['selector', 'endpoints'],
      ),
    },
    ['spec'],
  ),
};

for (const [name, schema] of Object.entries(schemas)) {
  writeFileSync(`${here}${name}.json`, JSON.stringify(schema, null, 1) + '\n');
}
console.error(`k8s/schemas: ${Object.keys(schemas).length} schemas written`);
