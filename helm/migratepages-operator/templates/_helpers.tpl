{{/*
Chart name, or nameOverride.
*/}}
{{- define "migratepages.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Resource name prefix: fullnameOverride, else "<release>-<chart>" (just the release name when it
already contains the chart name). Kept to 50 characters so suffixes like "-node-agent" fit in 63.
*/}}
{{- define "migratepages.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "migratepages.operator.fullname" -}}
{{- include "migratepages.fullname" . }}
{{- end }}

{{- define "migratepages.agent.fullname" -}}
{{- printf "%s-node-agent" (include "migratepages.fullname" .) }}
{{- end }}

{{- define "migratepages.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every object.
*/}}
{{- define "migratepages.labels" -}}
helm.sh/chart: {{ include "migratepages.chart" . }}
app.kubernetes.io/name: {{ include "migratepages.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: migratepages-operator
{{- end }}

{{- define "migratepages.operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "migratepages.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "migratepages.agent.selectorLabels" -}}
app.kubernetes.io/name: {{ include "migratepages.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: node-agent
{{- end }}

{{- define "migratepages.operator.labels" -}}
{{ include "migratepages.labels" . }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "migratepages.agent.labels" -}}
{{ include "migratepages.labels" . }}
app.kubernetes.io/component: node-agent
{{- end }}

{{- define "migratepages.operator.serviceAccountName" -}}
{{- if .Values.operator.serviceAccount.create }}
{{- default (include "migratepages.operator.fullname" .) .Values.operator.serviceAccount.name }}
{{- else }}
{{- required "operator.serviceAccount.name is required when operator.serviceAccount.create is false: name an existing ServiceAccount" .Values.operator.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "migratepages.agent.serviceAccountName" -}}
{{- if .Values.agent.serviceAccount.create }}
{{- default (include "migratepages.agent.fullname" .) .Values.agent.serviceAccount.name }}
{{- else }}
{{- required "agent.serviceAccount.name is required when agent.serviceAccount.create is false: name an existing ServiceAccount" .Values.agent.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Image reference from one entry of .Values.image: repository@digest when a digest is set,
otherwise repository:tag with the tag defaulting to the chart's appVersion.
Call with (dict "image" .Values.image.operator "context" $).
*/}}
{{- define "migratepages.image" -}}
{{- if .image.digest }}
{{- printf "%s@%s" .image.repository .image.digest }}
{{- else }}
{{- printf "%s:%s" .image.repository (default .context.Chart.AppVersion .image.tag) }}
{{- end }}
{{- end }}

{{/*
The three HTTP probes of a Quarkus app on its "http" port (smallrye-health endpoints).
The startup probe gives a JVM startupSeconds (default 60 s) before liveness counts.
*/}}
{{- define "migratepages.probes" -}}
startupProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: 2
  failureThreshold: {{ div (add .Values.startupSeconds 1) 2 }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: http
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 3
{{- end }}

{{/*
The agent's seccomp profile (pod and container level): Unconfined, or Localhost with its path.
*/}}
{{- define "migratepages.agent.seccompProfile" -}}
type: {{ .Values.agent.seccompProfile.type }}
{{- if eq .Values.agent.seccompProfile.type "Localhost" }}
localhostProfile: {{ .Values.agent.seccompProfile.localhostProfile }}
{{- end }}
{{- end }}

{{/*
KUBERNETES_SERVICE_HOST/PORT for clusters whose pods cannot reach the kubernetes Service (apiServer.host).
*/}}
{{- define "migratepages.apiServerEnv" -}}
{{- with .Values.apiServer.host }}
- name: KUBERNETES_SERVICE_HOST
  value: {{ . | quote }}
- name: KUBERNETES_SERVICE_PORT
  value: {{ $.Values.apiServer.port | quote }}
{{- end }}
{{- end }}
