-- The system of record of one tenant (its own database, e.g. source_acme_health): members and
-- their pharmacy claims. Columns are deliberately loose (text, no foreign key) because real source
-- systems hold bad rows too; the pipeline validates, and sends what it cannot apply to retry/DLQ.
-- Every update bumps `version`, which reconciliation compares with the target.

CREATE TABLE IF NOT EXISTS members (
  member_id     text PRIMARY KEY,
  first_name    text NOT NULL,
  last_name     text NOT NULL,
  date_of_birth date,
  address_line  text NOT NULL DEFAULT '',
  city          text NOT NULL DEFAULT '',
  state         text NOT NULL DEFAULT '',
  postal_code   text NOT NULL DEFAULT '',
  plan_id       text NOT NULL DEFAULT '',
  status        text NOT NULL DEFAULT 'ACTIVE',
  version       bigint NOT NULL DEFAULT 1,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS claims (
  claim_id      text PRIMARY KEY,
  member_id     text NOT NULL,
  ndc           text NOT NULL,
  drug_name     text NOT NULL,
  pharmacy_id   text NOT NULL,
  quantity      integer NOT NULL,
  days_supply   integer NOT NULL,
  amount_billed numeric(12, 2) NOT NULL,
  amount_paid   numeric(12, 2) NOT NULL,
  status        text NOT NULL,
  fill_date     date NOT NULL,
  version       bigint NOT NULL DEFAULT 1,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS claims_member_id ON claims (member_id);

-- A deleted claim's change event must still carry its member id (the pipeline's key).
ALTER TABLE claims REPLICA IDENTITY FULL;
ALTER TABLE members REPLICA IDENTITY FULL;

CREATE OR REPLACE FUNCTION bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS members_bump_version ON members;
CREATE TRIGGER members_bump_version BEFORE UPDATE ON members FOR EACH ROW EXECUTE FUNCTION bump_version();
DROP TRIGGER IF EXISTS claims_bump_version ON claims;
CREATE TRIGGER claims_bump_version BEFORE UPDATE ON claims FOR EACH ROW EXECUTE FUNCTION bump_version();
