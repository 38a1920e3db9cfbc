-- 0010_sale_currency: every sale has a currency (ISO 4217, three upper-case letters), and its
-- prices and amounts are integers in that currency's minor unit (KRW and JPY have none: 60000 is
-- 60,000 won). Sales created before this migration were priced in won, so they get 'KRW'.
--
-- Adding a column with a constant default rewrites no row (PostgreSQL 11+ records the default
-- once), so this is instant on a large table. The default stays for a process of the previous
-- version still inserting sales during a rolling deploy; the application always names the currency
-- (FC_DEFAULT_CURRENCY when the operator gave none) and checks the code against ISO 4217 itself,
-- the CHECK only keeps the spelling.
ALTER TABLE sales
  ADD COLUMN currency text NOT NULL DEFAULT 'KRW' CHECK (currency ~ '^[A-Z]{3}$');
