-- $1 sale id, $2 code hash: counts one use, unless the code is used up (no row answered).
UPDATE access_codes SET uses = uses + 1 WHERE sale_id = $1 AND code_hash = $2 AND uses < max_uses
RETURNING uses
