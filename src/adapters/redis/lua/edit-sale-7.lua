--[[
  An operator's edit of a running sale, atomic with every hold and claim: checks everything first
  and changes nothing when it refuses, then applies it all and appends one `edit` entry to the
  ledger (the entry PostgreSQL records in the edit's own transaction; docs/inventory.md).

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] users  KEYS[5] at limit
  KEYS[6] available seats per row (kept while it exists; see keys.ts)  KEYS[7] ledger
  ARGV[1] JSON object, every field optional:
          limit (per-user limit), holdTtlMs (new holds' TTL), capacity (coupon quantity),
          add (seat ids to add, free), withdraw (seat ids to withdraw)
  ARGV[2] the operator (the ledger entry's user)

  A withdrawn seat that is free is gone at once (capacity and available -1). One that is held or
  pending stays its holder's: its unit is marked (`w`), and the script that ends the hold
  (release-hold, expire-holds, pending-to-released, cancel-unit) removes the seat instead of
  freeing it. A sold seat is refused.

  Returns
    { 1, ledger id, withdrawn now, withdrawn later }
    { -1 } not warm
    { -30, most units one buyer has }    the limit is below what a buyer holds or owns
    { -31, held + pending + sold }       the quantity is below what is taken
    { -32, seat }                        a withdrawn seat is sold
    { -33, seat }                        a withdrawn seat is not in the sale
    { -34, seat }                        an added seat exists already
]]
if redis.call('HGET', KEYS[1], 'warm') ~= '1' then return { -1 } end
local edit = cjson.decode(ARGV[1])
local add = edit.add or {}
local withdraw = edit.withdraw or {}

-- Checks: nothing changes before every one has passed.
if edit.limit then
  local most = 0
  local counts = redis.call('HVALS', KEYS[4])
  for _, n in ipairs(counts) do
    n = tonumber(n)
    if n > most then most = n end
  end
  if most > edit.limit then return { -30, most } end
end
local held = tonumber(redis.call('HGET', KEYS[1], 'held') or '0')
local pending = tonumber(redis.call('HGET', KEYS[1], 'pending') or '0')
local sold = tonumber(redis.call('HGET', KEYS[1], 'sold') or '0')
local taken = held + pending + sold
if edit.capacity and edit.capacity < taken then return { -31, taken } end
local states = {}
for i, seat in ipairs(withdraw) do
  local v = redis.call('HGET', KEYS[2], seat)
  if not v then return { -33, seat } end
  local letter = string.sub(v, 1, 1)
  if letter == 'S' then return { -32, seat } end
  states[i] = v
end
for _, seat in ipairs(add) do
  if redis.call('HEXISTS', KEYS[2], seat) == 1 then return { -34, seat } end
end

-- Apply.
if edit.limit then
  redis.call('HSET', KEYS[1], 'limit', edit.limit)
  -- The admission tick ends the admission of buyers at the limit (docs/queue.md): the set follows it.
  local users = redis.call('HGETALL', KEYS[4])
  for i = 1, #users, 2 do
    if tonumber(users[i + 1]) >= edit.limit then
      redis.call('SADD', KEYS[5], users[i])
    else
      redis.call('SREM', KEYS[5], users[i])
    end
  end
end
if edit.holdTtlMs then redis.call('HSET', KEYS[1], 'holdTtlMs', edit.holdTtlMs) end
if edit.capacity then
  redis.call('HSET', KEYS[1], 'capacity', edit.capacity, 'available', edit.capacity - taken)
end

local rows = redis.call('EXISTS', KEYS[6]) == 1
local now, later = 0, 0
for i, seat in ipairs(withdraw) do
  local v = states[i]
  if v == 'A' then
    redis.call('HDEL', KEYS[2], seat)
    if rows then redis.call('HINCRBY', KEYS[6], string.match(seat, '^(.*)%-%d+$'), -1) end
    now = now + 1
  else
    local id = string.sub(v, 2)
    local raw = redis.call('HGET', KEYS[3], id)
    if raw then
      local unit = cjson.decode(raw)
      unit.w = 1
      redis.call('HSET', KEYS[3], id, cjson.encode(unit))
    end
    later = later + 1
  end
end
for _, seat in ipairs(add) do
  redis.call('HSET', KEYS[2], seat, 'A')
  if rows then redis.call('HINCRBY', KEYS[6], string.match(seat, '^(.*)%-%d+$'), 1) end
end
local grown = #add - now
if grown ~= 0 then
  redis.call('HINCRBY', KEYS[1], 'capacity', grown)
  redis.call('HINCRBY', KEYS[1], 'available', grown)
end
local id = redis.call('XADD', KEYS[7], '*', 'k', 'edit', 'u', 'edit', 's', '', 'usr', ARGV[2], 'd', 0, 'st', 'released', 'x', 0, 'r', '')
return { 1, id, now, later }
