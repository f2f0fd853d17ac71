import { expect, testAs } from "./fixtures";

const asAdmin = testAs("admin");

/** Clusters this spec adds are named e2e-…: the API fuzz's before/after snapshot leaves those out. */
asAdmin(
  "an admin adds a Kafka cluster from the Admin page, sees why a bad one is refused, and removes it",
  async ({ page }) => {
    const id = `e2e-${Date.now().toString(36)}`;
    await page.goto("/admin");
    const table = page.getByTestId("cluster-table");

    // The cluster KAFKA_BROKERS declares is listed first and cannot be removed here: the button says why.
    const defaultRow = table.getByTestId("cluster-default");
    await expect(defaultRow).toContainText("KAFKA_SSL* / KAFKA_SASL_*");
    const removeDefault = defaultRow.getByRole("button", { name: "Remove" });
    await expect(removeDefault).toBeDisabled();
    await expect(removeDefault).toHaveAttribute("title", /declared by KAFKA_BROKERS/);

    await page.getByLabel("Name", { exact: true }).last().fill(id);
    await page.getByLabel("Brokers").fill("no-port-here");
    await page.getByRole("button", { name: "Add cluster" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "brokers.0: a broker is host:port" })).toBeVisible();
    await expect(table.getByTestId(`cluster-${id}`)).toHaveCount(0);

    await page.getByLabel("Title").last().fill("Staging Kafka");
    await page.getByLabel("Brokers").fill("b-1.staging.example:9096, b-2.staging.example:9096");
    await page.getByLabel("TLS").check();
    await page.getByRole("combobox", { name: "SASL", exact: true }).selectOption("scram-sha-512");
    await page.getByLabel("SASL user").fill("syncdeck");
    await page.getByLabel(/Password secret/).fill("STAGING_SASL");
    await page.getByLabel("Connect URL").fill("http://connect.staging.example:8083");
    await page.getByRole("button", { name: "Add cluster" }).click();
    const row = table.getByTestId(`cluster-${id}`);
    await expect(row).toContainText("Staging Kafka");
    await expect(row).toContainText("b-1.staging.example:9096, b-2.staging.example:9096");
    await expect(row).toContainText("TLS, SASL scram-sha-512");
    await expect(row).toContainText("http://connect.staging.example:8083");
    await page.screenshot({ path: "test-results/screenshots/admin-clusters.png", fullPage: true });

    // The API holds the secret's name only.
    const listed = await (await page.request.get("/api/admin/clusters")).json();
    const stored = listed.clusters.find((c: { id: string }) => c.id === id);
    expect(stored.security).toEqual({
      tls: true,
      sasl: { mechanism: "scram-sha-512", username: "syncdeck", passwordSecret: "STAGING_SASL" },
    });

    await row.getByRole("button", { name: "Remove" }).click();
    await expect(row).toHaveCount(0);
    const audit = await (await page.request.get("/api/audit?action=cluster.&limit=50")).json();
    const actions = audit.events
      .filter((e: { target: string }) => e.target === `cluster:${id}`)
      .map((e: { action: string }) => e.action);
    expect(actions.sort()).toEqual(["cluster.create", "cluster.remove"]);
  },
);
