--[[
  Loads one sale's inventory from the source of truth. Never over live state it cannot account for:
  by default only when Redis does not hold the sale (no `warm` flag: a new sale, or one Redis lost);
  with a ledger id, only when nothing changed since the caller read the inventory at that id (the
  reconciler's repair). A plain reload of a live sale would erase holds the snapshot does not have
  yet (the ledger reaches PostgreSQL a moment after the change).
  Admissions, idempotency records and the ledger stream are left alone; the buyers at the per-user
  limit are marked again for the admission tick (see hold-seat). Each load writes a new generation (`gen`,
  the server time in µs), which tells the reconciler's version reads that the lot was replaced. A load
  of a sale Redis did not hold also writes it as `cold` (kept by the reconciler's loads): bookings
  accepted before it may find their units as PostgreSQL had them (see adopt-pending).

  KEYS[1] meta  KEYS[2] seats  KEYS[3] units  KEYS[4] expiry  KEYS[5] users  KEYS[6] ledger
  KEYS[7] at limit  KEYS[8] available seats per row (rebuilt here; see keys.ts)
  ARGV[1] JSON object of settings: kind, capacity, limit, holdTtlMs, maxExt, status
  ARGV[2] JSON array of seat ids (seated sales; [] for coupons)
  ARGV[3] JSON array of live units: { id, s = seatId or '', u, st = held|pending|sold, x, e, r }
  ARGV[4] '' to load only a sale Redis does not hold, or a ledger id: refuse unless the ledger
          stream's last generated id is still this one (nothing changed since the caller read the inventory)

  Returns { 1, seats loaded, units loaded, available }, { 0 } refused (something changed since the
  ledger id), or { -1 } refused (Redis holds the sale already)
]]
if ARGV[4] == '' then
  if redis.call('HGET', KEYS[1], 'warm') == '1' then return { -1 } end
else
  local last = '0-0'
  if redis.call('EXISTS', KEYS[6]) == 1 then
    local info = redis.call('XINFO', 'STREAM', KEYS[6])
    for i = 1, #info, 2 do
      if info[i] == 'last-generated-id' then last = info[i + 1] end
    end
  end
  if last ~= ARGV[4] then return { 0 } end
end
local cold = redis.call('HGET', KEYS[1], 'cold')
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[7], KEYS[8])
local settings = cjson.decode(ARGV[1])
local seats = cjson.decode(ARGV[2])
local units = cjson.decode(ARGV[3])

for i = 1, #seats, 500 do
  local args = {}
  for j = i, math.min(i + 499, #seats) do
    args[#args + 1] = seats[j]
    args[#args + 1] = 'A'
  end
  redis.call('HSET', KEYS[2], unpack(args))
end

-- Available seats per row: every seat, less those a live unit takes (below).
local free = {}
for _, seat in ipairs(seats) do
  local row = string.match(seat, '^(.*)%-%d+$')
  free[row] = (free[row] or 0) + 1
end

local counts = { held = 0, pending = 0, sold = 0 }
local letter = { held = 'H', pending = 'P', sold = 'S' }
for _, unit in ipairs(units) do
  local id = unit.id
  unit.id = nil
  redis.call('HSET', KEYS[3], id, cjson.encode(unit))
  if unit.s ~= '' then
    redis.call('HSET', KEYS[2], unit.s, letter[unit.st] .. id)
    local row = string.match(unit.s, '^(.*)%-%d+$')
    if free[row] then free[row] = free[row] - 1 end
  end
  if unit.st == 'held' then redis.call('ZADD', KEYS[4], unit.x, id) end
  if redis.call('HINCRBY', KEYS[5], unit.u, 1) >= settings.limit then redis.call('SADD', KEYS[7], unit.u) end
  counts[unit.st] = counts[unit.st] + 1
end

local args = {}
for row, n in pairs(free) do
  args[#args + 1] = row
  args[#args + 1] = n
  if #args >= 1000 then
    redis.call('HSET', KEYS[8], unpack(args))
    args = {}
  end
end
if #args > 0 then redis.call('HSET', KEYS[8], unpack(args)) end

local available = settings.capacity - #units
local gen = redis.call('TIME')
redis.call('HSET', KEYS[1],
  'kind', settings.kind, 'capacity', settings.capacity, 'limit', settings.limit,
  'holdTtlMs', settings.holdTtlMs, 'maxExt', settings.maxExt, 'status', settings.status,
  'available', available, 'held', counts.held, 'pending', counts.pending, 'sold', counts.sold,
  'gen', gen[1] .. '.' .. gen[2])
if ARGV[4] == '' then cold = gen[1] .. '.' .. gen[2] end
if cold then redis.call('HSET', KEYS[1], 'cold', cold) end
-- Last: until this field is set every buyer script answers "not warm".
redis.call('HSET', KEYS[1], 'warm', '1')
return { 1, redis.call('HLEN', KEYS[2]), redis.call('HLEN', KEYS[3]), available }
