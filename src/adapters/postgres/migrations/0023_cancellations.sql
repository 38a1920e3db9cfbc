-- 0023_cancellations: buyers may cancel a confirmed booking within a window the operator sets per
-- sale (docs/api.md). 0 (the default, and every sale created before) means not cancellable.
-- A cancelled reservation or claim no longer takes stock: warm-up and the reconciler count it as
-- free (select-live-units), and the one-confirmed-per-seat index lets the seat be booked again.
ALTER TABLE sales
  ADD COLUMN cancel_window_sec integer NOT NULL DEFAULT 0 CHECK (cancel_window_sec BETWEEN 0 AND 31536000);

ALTER TABLE reservations DROP CONSTRAINT reservations_status_check;
ALTER TABLE reservations ADD CONSTRAINT reservations_status_check
  CHECK (status IN ('pending', 'confirmed', 'failed', 'expired', 'cancelled'));
ALTER TABLE reservations ADD COLUMN cancelled_at timestamptz;

ALTER TABLE claims DROP CONSTRAINT claims_status_check;
ALTER TABLE claims ADD CONSTRAINT claims_status_check
  CHECK (status IN ('pending', 'confirmed', 'failed', 'cancelled'));
ALTER TABLE claims ADD COLUMN cancelled_at timestamptz;
