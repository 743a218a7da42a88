{{/* Names, labels and the checks every render runs. */}}

{{- define "mixfarm.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "mixfarm.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "mixfarm.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "mixfarm.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: mixfarm
{{- end }}

{{/* Pod labels besides the selector labels. */}}
{{- define "mixfarm.podLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: mixfarm
{{- end }}

{{/* Selector labels of one role: call with (dict "root" $ "component" "worker"). */}}
{{- define "mixfarm.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mixfarm.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "mixfarm.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{- define "mixfarm.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "mixfarm.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The task topics the workers consume: one per priority class (io.mixfarm.contract.Topics). */}}
{{- define "mixfarm.taskTopics" -}}
{{- $p := .Values.kafka.topicPrefix }}
{{- list (printf "%s.render-tasks.urgent" $p) (printf "%s.render-tasks" $p) (printf "%s.render-tasks.backfill" $p) | toJson }}
{{- end }}

{{- define "mixfarm.saslEnabled" -}}
{{- if hasPrefix "SASL_" .Values.kafka.securityProtocol }}true{{ end }}
{{- end }}

{{- define "mixfarm.tlsEnabled" -}}
{{- if has .Values.kafka.securityProtocol (list "SSL" "SASL_SSL") }}true{{ end }}
{{- end }}

{{/* Kafka client properties (HOCON, unquoted dotted keys) for both roles; secrets come from env. */}}
{{- define "mixfarm.kafkaClientProperties" -}}
security.protocol = {{ .Values.kafka.securityProtocol | quote }}
{{- if include "mixfarm.saslEnabled" . }}
sasl.mechanism = {{ .Values.kafka.sasl.mechanism | quote }}
{{- $module := ternary "org.apache.kafka.common.security.plain.PlainLoginModule" "org.apache.kafka.common.security.scram.ScramLoginModule" (eq .Values.kafka.sasl.mechanism "PLAIN") }}
sasl.jaas.config = "{{ $module }} required username=\""${MIXFARM_KAFKA_SASL_USERNAME}"\" password=\""${MIXFARM_KAFKA_SASL_PASSWORD}"\";"
{{- end }}
{{- if and (include "mixfarm.tlsEnabled" .) .Values.kafka.tls.truststoreSecret }}
ssl.truststore.location = "/etc/mixfarm/kafka-truststore/{{ .Values.kafka.tls.truststoreKey }}"
ssl.truststore.type = "PKCS12"
{{- if .Values.kafka.tls.truststorePasswordKey }}
ssl.truststore.password = ${MIXFARM_KAFKA_TRUSTSTORE_PASSWORD}
{{- end }}
{{- end }}
{{- end }}

{{/* Env of both roles from secrets: S3 keys and Kafka SASL / truststore passwords. */}}
{{- define "mixfarm.secretEnv" -}}
{{- if .Values.s3.existingSecret }}
- name: MIXFARM_S3_ACCESS_KEY
  valueFrom:
    secretKeyRef: {name: {{ .Values.s3.existingSecret | quote }}, key: {{ .Values.s3.accessKeyKey | quote }}}
- name: MIXFARM_S3_SECRET_KEY
  valueFrom:
    secretKeyRef: {name: {{ .Values.s3.existingSecret | quote }}, key: {{ .Values.s3.secretKeyKey | quote }}}
{{- end }}
{{- if include "mixfarm.saslEnabled" . }}
- name: MIXFARM_KAFKA_SASL_USERNAME
  valueFrom:
    secretKeyRef: {name: {{ .Values.kafka.sasl.existingSecret | quote }}, key: {{ .Values.kafka.sasl.usernameKey | quote }}}
- name: MIXFARM_KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ .Values.kafka.sasl.existingSecret | quote }}, key: {{ .Values.kafka.sasl.passwordKey | quote }}}
{{- end }}
{{- if and (include "mixfarm.tlsEnabled" .) .Values.kafka.tls.truststoreSecret .Values.kafka.tls.truststorePasswordKey }}
- name: MIXFARM_KAFKA_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ .Values.kafka.tls.truststoreSecret | quote }}, key: {{ .Values.kafka.tls.truststorePasswordKey | quote }}}
{{- end }}
{{- end }}

{{/* The Secret holding the API token: the user's, or the one the chart generates. */}}
{{- define "mixfarm.apiTokenSecret" -}}
{{- .Values.coordinator.apiToken.existingSecret | default (printf "%s-api-token" (include "mixfarm.fullname" .)) }}
{{- end }}

{{- define "mixfarm.apiTokenKey" -}}
{{- ternary .Values.coordinator.apiToken.key "api-token" (ne .Values.coordinator.apiToken.existingSecret "") }}
{{- end }}

{{/* The coordinator's own env: JVM options, the API token and the shared secrets. */}}
{{- define "mixfarm.coordinatorEnv" -}}
{{- $c := .Values.coordinator }}
{{- if $c.javaToolOptions }}
- name: JAVA_TOOL_OPTIONS
  value: {{ $c.javaToolOptions | quote }}
{{- end }}
- name: MIXFARM_API_TOKEN
  valueFrom:
    secretKeyRef: {name: {{ include "mixfarm.apiTokenSecret" . | quote }}, key: {{ include "mixfarm.apiTokenKey" . | quote }}}
{{- include "mixfarm.secretEnv" . }}
{{- end }}

{{/* Volumes both roles mount: the application.conf and, with TLS, the truststore. */}}
{{- define "mixfarm.configVolumes" -}}
- name: config
  configMap:
    name: {{ include "mixfarm.fullname" . }}-config
- name: tmp
  emptyDir: {}
{{- if and (include "mixfarm.tlsEnabled" .) .Values.kafka.tls.truststoreSecret }}
- name: kafka-truststore
  secret:
    secretName: {{ .Values.kafka.tls.truststoreSecret | quote }}
    items:
      - key: {{ .Values.kafka.tls.truststoreKey | quote }}
        path: {{ .Values.kafka.tls.truststoreKey | quote }}
{{- end }}
{{- end }}

{{- define "mixfarm.configMounts" -}}
- name: config
  mountPath: /etc/mixfarm/conf
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- if and (include "mixfarm.tlsEnabled" .) .Values.kafka.tls.truststoreSecret }}
- name: kafka-truststore
  mountPath: /etc/mixfarm/kafka-truststore
  readOnly: true
{{- end }}
{{- end }}

{{- define "mixfarm.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "mixfarm.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end }}

{{/* Settings the schema cannot express; every manifest's render runs them. */}}
{{- define "mixfarm.validate" -}}
{{- $a := .Values.autoscaling }}
{{- if and $a.enabled (gt (int $a.maxReplicas) (int .Values.kafka.partitions)) }}
{{- fail (printf "autoscaling.maxReplicas (%d) exceeds kafka.partitions (%d): workers beyond the partition count would sit idle" (int $a.maxReplicas) (int .Values.kafka.partitions)) }}
{{- end }}
{{- if and (not $a.enabled) (gt (int .Values.worker.replicas) (int .Values.kafka.partitions)) }}
{{- fail (printf "worker.replicas (%d) exceeds kafka.partitions (%d)" (int .Values.worker.replicas) (int .Values.kafka.partitions)) }}
{{- end }}
{{- if and $a.enabled (gt (int $a.minReplicas) (int $a.maxReplicas)) }}
{{- fail (printf "autoscaling.minReplicas (%d) exceeds autoscaling.maxReplicas (%d)" (int $a.minReplicas) (int $a.maxReplicas)) }}
{{- end }}
{{- if and $a.enabled (not $a.keda.enabled) (lt (int $a.minReplicas) 1) }}
{{- fail "autoscaling.minReplicas must be at least 1 with the HPA fallback (only KEDA scales to zero)" }}
{{- end }}
{{- if lt (int .Values.worker.terminationGracePeriodSeconds) (add (int .Values.worker.drainDeadlineSeconds) 90 | int) }}
{{- fail (printf "worker.terminationGracePeriodSeconds (%d) must be at least worker.drainDeadlineSeconds + 90 (%d): after the drain a worker commits, leaves the group and closes its clients (up to 85 s of shutdown phases) before it may be killed" (int .Values.worker.terminationGracePeriodSeconds) (add (int .Values.worker.drainDeadlineSeconds) 90 | int)) }}
{{- end }}
{{- if and (include "mixfarm.saslEnabled" .) (not .Values.kafka.sasl.existingSecret) }}
{{- fail (printf "kafka.securityProtocol %s needs kafka.sasl.existingSecret (the SASL username and password)" .Values.kafka.securityProtocol) }}
{{- end }}
{{- end }}
