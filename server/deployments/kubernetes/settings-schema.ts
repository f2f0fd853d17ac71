/**
 * What a `kubernetes` environment takes as settings. Pure (zod only), so the environment forms and
 * the API validate them without loading the Kubernetes client.
 */
import { z } from "zod";

const dnsLabel = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    "must be a Kubernetes name: lowercase letters, digits and hyphens, at most 63 characters",
  );
const quantity = z
  .string()
  .regex(/^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/, "must be a Kubernetes quantity such as 250m, 512Mi or 1Gi");

/** Settings are strings (environments keep a string map); numbers are parsed here. */
export const kubernetesSettingsSchema = z
  .object({
    namespace: dnsLabel,
    image: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9._\-/:]*[a-z0-9]$/i,
        "must be an image repository without a tag, such as registry.example.com/syncdeck",
      )
      .refine(
        (v) => !/:[^/]*$/.test(v) || /^[^/]+:\d+\//.test(v),
        "must not carry a tag: the tag is each revision's version",
      ),
    secretName: dnsLabel.optional(),
    configMapName: dnsLabel.optional(),
    cpuRequest: quantity.optional(),
    memoryRequest: quantity.optional(),
    memoryLimit: quantity.optional(),
    progressDeadlineSeconds: z
      .string()
      .regex(/^\d{2,5}$/, "must be a whole number of seconds (10 or more)")
      .optional(),
  })
  .strict();
