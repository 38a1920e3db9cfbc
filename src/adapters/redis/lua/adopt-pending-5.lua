--[[
  A booking the API accepted before Redis lost the sale: the re-warm rebuilt the sale from
  PostgreSQL, whose copy of the holds trails Redis by a ledger flush, so the unit the confirm moved
  to PENDING may be HELD again, or gone (its hold never reached PostgreSQL). Only when Redis loaded
  the sale cold after the booking was accepted (`cold`, that load's server time, is later):
  every unit of the booking still held by its buyer goes PENDING with its reservation id, as the
  confirm had made it (out of the expiry set, one ledger entry each), so the pipeline books it; if
  one of them is gone, the booking cannot be made whole and is answered lost, for the pipeline to
  settle it failed. A sale not loaded cold since the booking was accepted changes nothing: a unit
  held there was put back by the API's compensation (the buyer was refused and may confirm again).

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] expiry  KEYS[5] ledger
  ARGV[1] userId  ARGV[2] accepted at (ms)  ARGV[3] JSON array of [unitId, reservationId], the hold's first

  Returns { 1 } adopted (or already pending with these reservations), { 2 } lost;
  -1 not warm, -11 not loaded cold since the booking was accepted, or a unit is already sold
]]
local meta = redis.call('HMGET', KEYS[1], 'warm', 'cold')
if meta[1] ~= '1' then return { -1 } end
local sec, usec = string.match(meta[2] or '', '^(%d+)%.(%d+)$')
if not sec then return { -11 } end
if tonumber(sec) * 1000 + math.floor(tonumber(usec) / 1000) <= tonumber(ARGV[2]) then return { -11 } end

local wanted = cjson.decode(ARGV[3])
local adopt = {}
for _, w in ipairs(wanted) do
  local raw = redis.call('HGET', KEYS[3], w[1])
  if not raw then return { 2 } end
  local u = cjson.decode(raw)
  if u.st == 'sold' then return { -11 } end
  if u.u ~= ARGV[1] then return { 2 } end
  if u.st == 'held' then
    u.st = 'pending'
    u.r = w[2]
    adopt[#adopt + 1] = { w[1], u }
  elseif u.r ~= w[2] then
    return { 2 }
  end
end

for _, pair in ipairs(adopt) do
  local id, u = pair[1], pair[2]
  redis.call('HSET', KEYS[3], id, cjson.encode(u))
  if u.s ~= '' then redis.call('HSET', KEYS[2], u.s, 'P' .. id) end
  redis.call('ZREM', KEYS[4], id)
  redis.call('XADD', KEYS[5], '*', 'k', 'pending', 'u', id, 's', u.s, 'usr', u.u, 'd', 0, 'st', 'pending', 'x', u.x, 'r', u.r)
end
redis.call('HINCRBY', KEYS[1], 'held', -#adopt)
redis.call('HINCRBY', KEYS[1], 'pending', #adopt)
return { 1 }
