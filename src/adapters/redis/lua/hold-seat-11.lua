--[[
  Takes a seat for a buyer: AVAILABLE -> HELD with a TTL. The script is the critical section; no
  other lock is needed. It is also its own idempotency check: the Idempotency-Key's record is read,
  and written with the answer, in the same atomic step, so one round trip does it all and a retry
  can never take a second seat. A hold that brings the buyer to the per-user limit marks them in
  KEYS[9]: the next admission tick short of slots ends their admission (paying, extending or
  releasing needs none), without looking at every admitted buyer.

  KEYS[1] meta   KEYS[2] seats   KEYS[3] units   KEYS[4] expiry
  KEYS[5] users  KEYS[6] active  KEYS[7] ledger  KEYS[8] idempotency record  KEYS[9] at limit
  KEYS[10] available seats per row (kept while it exists; see keys.ts)
  KEYS[11] access rules (the buyer's own limit, the phase budget)
  ARGV[1] userId  ARGV[2] seatId  ARGV[3] holdId
  ARGV[4] idempotency fingerprint ('' = none)  ARGV[5] answer status  ARGV[6] answer body  ARGV[7] record TTL s
  ARGV[8] TTL s of a remembered refusal (short: refusals must not pile up with request volume)

  Returns
    { 1, expiresAtMs, holdId }   held now, or held by the first request with this key
    -1 not warm, -2 not open, -3 not admitted, -4 no such seat, -6 seat taken, -7 sold out,
    -8 per-user limit reached, -11 wrong kind of sale, -12 the key was used for another request
    (a refusal, except -1, is remembered under the key for ARGV[8] s and answered again to a retry)
]]
if ARGV[4] ~= '' then
  local prior = redis.call('GET', KEYS[8])
  if prior then
    local r = cjson.decode(prior)
    if r.f ~= ARGV[4] or not (r.c or r.h) then return { -12 } end
    if r.c then return { r.c } end
    return { 1, r.x, r.h }
  end
end
local function refuse(code)
  if ARGV[4] ~= '' and code ~= -1 then
    redis.call('SET', KEYS[8], cjson.encode({ f = ARGV[4], c = code }), 'EX', ARGV[8])
  end
  return { code }
end

local meta = redis.call('HMGET', KEYS[1], 'warm', 'status', 'kind', 'limit', 'holdTtlMs', 'available', 'capacity')
if meta[1] ~= '1' then return refuse(-1) end
if meta[2] ~= 'open' then return refuse(-2) end
if meta[3] ~= 'seated' then return refuse(-11) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local admittedUntil = redis.call('ZSCORE', KEYS[6], ARGV[1])
if not admittedUntil or tonumber(admittedUntil) <= now then return refuse(-3) end
-- Access rules: a presale code's own per-user limit, and the first phase's unit budget while it runs.
local rules = redis.call('HMGET', KEYS[11], 'lim:' .. ARGV[1], 'phaseUnits', 'phaseUntil')
local limit = math.min(tonumber(meta[4]), tonumber(rules[1] or meta[4]))
local kept = 0
if rules[2] and now < tonumber(rules[3]) then kept = tonumber(meta[7]) - tonumber(rules[2]) end
local seat = redis.call('HGET', KEYS[2], ARGV[2])
if not seat then return refuse(-4) end
if seat ~= 'A' then return refuse(-6) end
if tonumber(redis.call('HGET', KEYS[5], ARGV[1]) or '0') >= limit then return refuse(-8) end
-- An available seat implies stock; the check keeps "stock never negative" true even if drifted.
if tonumber(meta[6]) - kept <= 0 then return refuse(-7) end

local x = now + tonumber(meta[5])
redis.call('HSET', KEYS[2], ARGV[2], 'H' .. ARGV[3])
if redis.call('EXISTS', KEYS[10]) == 1 then redis.call('HINCRBY', KEYS[10], string.match(ARGV[2], '^(.*)%-%d+$'), -1) end
redis.call('HSET', KEYS[3], ARGV[3], cjson.encode({ s = ARGV[2], u = ARGV[1], st = 'held', x = x, e = 0, r = '' }))
redis.call('ZADD', KEYS[4], x, ARGV[3])
if redis.call('HINCRBY', KEYS[5], ARGV[1], 1) >= limit then redis.call('SADD', KEYS[9], ARGV[1]) end
redis.call('HINCRBY', KEYS[1], 'available', -1)
redis.call('HINCRBY', KEYS[1], 'held', 1)
redis.call('XADD', KEYS[7], '*', 'k', 'hold', 'u', ARGV[3], 's', ARGV[2], 'usr', ARGV[1], 'd', -1, 'st', 'held', 'x', x, 'r', '')
if ARGV[4] ~= '' then
  redis.call('SET', KEYS[8], cjson.encode({ f = ARGV[4], s = tonumber(ARGV[5]), b = ARGV[6], x = x, h = ARGV[3] }), 'EX', ARGV[7])
end
return { 1, x, ARGV[3] }
