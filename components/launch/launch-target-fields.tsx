"use client";

import { SelectField, TextAreaField } from "@/components/ui/field";

type Option = { id: string; name: string };

/** Where a launch runs: fixed when the SKU is pinned to a cluster. Labels come from the caller's catalog. */
export function ClusterSelect(props: {
  label: string;
  clusters: Option[];
  value: string;
  onChange: (clusterId: string) => void;
  error?: string;
  pinned: boolean;
}) {
  return (
    <SelectField
      label={props.label}
      value={props.value}
      options={props.clusters.map((c) => ({ value: c.id, label: c.name }))}
      onChange={(e) => props.onChange(e.target.value)}
      error={props.error}
      disabled={props.pinned}
    />
  );
}

/** The OpenSSH public key that may log in to a Developer Pod. */
export function SshKeyField(props: {
  label: string;
  hint: string;
  value: string;
  onChange: (key: string) => void;
  error?: string;
}) {
  return (
    <TextAreaField
      label={props.label}
      hint={props.hint}
      rows={2}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      error={props.error}
    />
  );
}
