{{/* Names, labels and the parts every SyncDeck pod shares. */}}

{{- define "syncdeck.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "syncdeck.fullname" -}}
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

{{- define "syncdeck.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "syncdeck.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Selector labels of one component: include "syncdeck.selectorLabels" (list . "console") */}}
{{- define "syncdeck.selectorLabels" -}}
{{- $ := index . 0 -}}
app.kubernetes.io/name: {{ include "syncdeck.name" $ }}
app.kubernetes.io/instance: {{ $.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{- define "syncdeck.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{- define "syncdeck.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "syncdeck.fullname" .)) }}
{{- end }}

{{- define "syncdeck.configName" -}}
{{- printf "%s-config" (include "syncdeck.fullname" .) }}
{{- end }}

{{/* The console's public URL: config.NEXTAUTH_URL, else the Ingress' first host. */}}
{{- define "syncdeck.publicUrl" -}}
{{- if .Values.config.NEXTAUTH_URL }}
{{- .Values.config.NEXTAUTH_URL }}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts }}
{{- printf "%s://%s" (ternary "https" "http" (gt (len .Values.ingress.tls) 0)) (first .Values.ingress.hosts).host }}
{{- end }}
{{- end }}

{{/* Environment of every process: the ConfigMap, then the Secret's keys (optional ones may be missing). */}}
{{- define "syncdeck.env" -}}
envFrom:
  - configMapRef:
      name: {{ include "syncdeck.configName" . }}
{{- with .Values.extraEnvFrom }}
  {{- toYaml . | nindent 2 }}
{{- end }}
env:
  - name: DATABASE_URL
    valueFrom:
      secretKeyRef: { name: {{ include "syncdeck.secretName" . }}, key: DATABASE_URL }
{{- range list "NEXTAUTH_SECRET" "KAFKA_SASL_PASSWORD" "KAFKA_SSL_KEY_PASSWORD" "KAFKA_CONNECT_PASSWORD" "SOURCE_DATABASE_SERVER_URL" "SYNCDECK_WEBHOOK_SECRET" "SYNCDECK_METRICS_TOKEN" "OIDC_CLIENT_SECRET" }}
  - name: {{ . }}
    valueFrom:
      secretKeyRef: { name: {{ include "syncdeck.secretName" $ }}, key: {{ . }}, optional: true }
{{- end }}
{{- with .Values.extraEnv }}
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Volumes every pod has: /tmp (the root filesystem is read-only) and extraVolumes. */}}
{{- define "syncdeck.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- with .Values.extraVolumeMounts }}
{{- toYaml . | nindent 0 }}
{{- end }}
{{- end }}

{{- define "syncdeck.volumes" -}}
- name: tmp
  emptyDir: {}
{{- with .Values.extraVolumes }}
{{- toYaml . | nindent 0 }}
{{- end }}
{{- end }}

{{/* Pod settings every workload shares (each sets automountServiceAccountToken itself). */}}
{{- define "syncdeck.podCommon" -}}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
