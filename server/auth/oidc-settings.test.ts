import { describe, expect, it } from "vitest";
import {
  claimValues,
  oidcSettings,
  parseRoleMap,
  parseTenantMap,
  roleForGroups,
  tenantRolesForGroups,
} from "./oidc-settings";

describe("parseRoleMap", () => {
  it("reads comma-separated group=role pairs", () => {
    expect([...parseRoleMap("syncdeck-admins=admin, syncdeck-ops=ops")]).toEqual([
      ["syncdeck-admins", "admin"],
      ["syncdeck-ops", "ops"],
    ]);
  });

  it("uses semicolons when present so LDAP DNs may contain commas and =", () => {
    const map = parseRoleMap("cn=ops,ou=groups=ops;cn=adm,ou=groups=admin");
    expect(map.get("cn=ops,ou=groups")).toBe("ops");
    expect(map.get("cn=adm,ou=groups")).toBe("admin");
  });

  it("is empty for an empty setting", () => {
    expect(parseRoleMap("").size).toBe(0);
  });

  it("names the bad entry", () => {
    expect(() => parseRoleMap("admins=root")).toThrow('"admins=root": role must be one of admin, ops, product, viewer');
    expect(() => parseRoleMap("just-a-group")).toThrow('"just-a-group" is not group=role');
    expect(() => parseRoleMap("=admin")).toThrow("is not group=role");
  });
});

describe("roleForGroups and claimValues", () => {
  const map = parseRoleMap("a=viewer,b=ops,c=admin");

  it("picks the most privileged mapped role", () => {
    expect(roleForGroups(["a", "b", "zzz"], map)).toBe("ops");
    expect(roleForGroups(["c", "a"], map)).toBe("admin");
    expect(roleForGroups(["zzz"], map)).toBeNull();
  });

  it("reads a claim at a dotted path, as a string or a list", () => {
    expect(claimValues({ groups: ["a", 3, "b"] }, "groups")).toEqual(["a", "b"]);
    expect(claimValues({ realm_access: { roles: ["c"] } }, "realm_access.roles")).toEqual(["c"]);
    expect(claimValues({ role: "a" }, "role")).toEqual(["a"]);
    expect(claimValues({}, "groups")).toEqual([]);
  });
});

describe("parseTenantMap and tenantRolesForGroups", () => {
  it("reads group=tenant:role entries, a group granting several tenants", () => {
    const map = parseTenantMap(
      "acme-sre=acme-health:ops, acme-sre=globex-care:viewer, acme-support=acme-health:product",
    );
    expect(map.get("acme-sre")).toEqual([
      { tenant: "acme-health", role: "ops" },
      { tenant: "globex-care", role: "viewer" },
    ]);
    expect(map.get("acme-support")).toEqual([{ tenant: "acme-health", role: "product" }]);
  });

  it("uses semicolons for LDAP DNs, like OIDC_ROLE_MAP", () => {
    expect(
      parseTenantMap("cn=sre,ou=groups=acme-health:ops;cn=x,ou=y=globex-care:viewer").get("cn=sre,ou=groups"),
    ).toEqual([{ tenant: "acme-health", role: "ops" }]);
  });

  it("names the bad entry", () => {
    expect(() => parseTenantMap("sre=acme-health")).toThrow('"sre=acme-health" is not group=tenant-slug:role');
    expect(() => parseTenantMap("sre=Acme Health:ops")).toThrow("is not group=tenant-slug:role");
    expect(() => parseTenantMap("sre=acme-health:root")).toThrow(
      /OIDC_TENANT_MAP entry "sre=acme-health:root": role must be one of/,
    );
  });

  it("gives each tenant the most privileged role any group grants there", () => {
    const map = parseTenantMap("a=acme-health:viewer,b=acme-health:ops,b=globex-care:product");
    expect([...tenantRolesForGroups(["a", "b", "zzz"], map)]).toEqual([
      ["acme-health", "ops"],
      ["globex-care", "product"],
    ]);
    expect(tenantRolesForGroups(["zzz"], map).size).toBe(0);
  });
});

describe("oidcSettings", () => {
  const env = { OIDC_ISSUER: "https://idp.example.com/", OIDC_CLIENT_ID: "syncdeck", OIDC_CLIENT_SECRET: "s3cret" };

  it("is off unless issuer, client id and secret are all set", () => {
    expect(oidcSettings({})).toBeNull();
    expect(oidcSettings({ ...env, OIDC_CLIENT_SECRET: "" })).toBeNull();
  });

  it("defaults the role claim to groups", () => {
    const settings = oidcSettings({ ...env, OIDC_ROLE_MAP: "syncdeck-admins=admin" });
    expect(settings).toMatchObject({ issuer: "https://idp.example.com", roleClaim: "groups" });
    expect(settings?.roleMap.get("syncdeck-admins")).toBe("admin");
    expect(settings?.tenantMap).toBeNull();
    expect(oidcSettings({ ...env, OIDC_TENANT_MAP: "sre=acme-health:ops" })?.tenantMap?.get("sre")).toEqual([
      { tenant: "acme-health", role: "ops" },
    ]);
  });

  it("refuses a malformed issuer or map", () => {
    expect(() => oidcSettings({ ...env, OIDC_ISSUER: "not a url" })).toThrow(/OIDC_ISSUER/);
    expect(() => oidcSettings({ ...env, OIDC_ROLE_MAP: "x=superuser" })).toThrow(/role must be one of/);
  });
});
