--[[
  Claims one coupon unit for a buyer. The claim is accepted here and issued by the pipeline, so the
  unit goes straight to PENDING. The claim that brings the buyer to the per-user limit finishes
  their session: the admission ends (out of `active`, access expiry set to now) and the slot goes
  to the next buyer at the next tick (the unit keeps the admission's expiry in `a`, for revert-claim).
  It is also its own idempotency check, as hold-seat is: the Idempotency-Key's record is read, and
  written with the answer (or the refusal), in the same atomic step, so one round trip does it all
  and a retry can never claim a second unit.

  KEYS[1] meta  KEYS[2] units  KEYS[3] users  KEYS[4] active  KEYS[5] ledger  KEYS[6] idempotency record
  KEYS[7] queue admitted  KEYS[8] queue state  KEYS[9] access rules (the buyer's own limit, the phase budget)
  ARGV[1] userId  ARGV[2] claimId
  ARGV[3] idempotency fingerprint ('' = none)  ARGV[4] answer status  ARGV[5] answer body  ARGV[6] record TTL s
  ARGV[7] TTL s of a remembered refusal (short: refusals must not pile up with request volume)

  Returns
    { 1, finished (1 when this claim ended the session, else 0) }
    { 3, record }  the key was answered before: its stored answer (a replay; nothing changed)
    -1 not warm, -2 not open, -3 not admitted, -7 sold out, -8 per-user limit reached, -11 wrong kind,
    -12 the key was used for another request, -15 a request with the key is still in flight
    (a refusal, except -1, is remembered under the key for ARGV[7] s and answered again to a retry)
]]
if ARGV[3] ~= '' then
  local prior = redis.call('GET', KEYS[6])
  if prior then
    local r = cjson.decode(prior)
    if r.f ~= ARGV[3] then return { -12 } end
    if r.c then return { r.c } end
    -- Reserved by idempotency-begin and not answered yet (a process of an earlier release).
    if r.p then return { -15 } end
    return { 3, prior }
  end
end
local function refuse(code)
  if ARGV[3] ~= '' and code ~= -1 then
    redis.call('SET', KEYS[6], cjson.encode({ f = ARGV[3], c = code }), 'EX', ARGV[7])
  end
  return { code }
end

local meta = redis.call('HMGET', KEYS[1], 'warm', 'status', 'kind', 'limit', 'available', 'capacity')
if meta[1] ~= '1' then return refuse(-1) end
if meta[2] ~= 'open' then return refuse(-2) end
if meta[3] ~= 'coupon' then return refuse(-11) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local admittedUntil = redis.call('ZSCORE', KEYS[4], ARGV[1])
if not admittedUntil or tonumber(admittedUntil) <= now then return refuse(-3) end
-- Access rules: a presale code's own per-user limit, and the first phase's unit budget while it runs.
local rules = redis.call('HMGET', KEYS[9], 'lim:' .. ARGV[1], 'phaseUnits', 'phaseUntil')
local limit = math.min(tonumber(meta[4]), tonumber(rules[1] or meta[4]))
local kept = 0
if rules[2] and now < tonumber(rules[3]) then kept = tonumber(meta[6]) - tonumber(rules[2]) end
if tonumber(meta[5]) - kept <= 0 then return refuse(-7) end
if tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0') >= limit then return refuse(-8) end

local unit = { s = '', u = ARGV[1], st = 'pending', x = 0, e = 0, r = ARGV[2] }
local finished = 0
if redis.call('HINCRBY', KEYS[3], ARGV[1], 1) >= limit then
  redis.call('ZREM', KEYS[4], ARGV[1])
  if tonumber(redis.call('HGET', KEYS[7], ARGV[1]) or '0') > now then redis.call('HSET', KEYS[7], ARGV[1], now) end
  redis.call('HINCRBY', KEYS[8], 'finished', 1)
  -- The admission this claim ended, so revert-claim can give it back if the hand-off fails.
  unit.a = tonumber(admittedUntil)
  finished = 1
end
redis.call('HSET', KEYS[2], ARGV[2], cjson.encode(unit))
redis.call('HINCRBY', KEYS[1], 'available', -1)
redis.call('HINCRBY', KEYS[1], 'pending', 1)
redis.call('XADD', KEYS[5], '*', 'k', 'claim', 'u', ARGV[2], 's', '', 'usr', ARGV[1], 'd', -1, 'st', 'pending', 'x', 0, 'r', ARGV[2])
if ARGV[3] ~= '' then
  redis.call('SET', KEYS[6], cjson.encode({ f = ARGV[3], s = tonumber(ARGV[4]), b = ARGV[5] }), 'EX', ARGV[6])
end
return { 1, finished }
