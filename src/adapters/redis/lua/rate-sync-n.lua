--[[
  Adds the requests one API process let through since its last sync to the shared state of each
  subject, and answers every subject's shared state, so that the process's local copies learn what
  all the other processes let through. The requests were already let through, so they are counted
  even past a limit: the bucket goes into debt, which its refill pays back before anything more
  gets in, and the window counts them. The shared state thus holds every request of every process.

  Each subject is one hash holding both algorithms:
    tb, tt, tc  token bucket (bursts): tokens left, when they were counted (ms), and the bucket
             size they were counted for: when an operator changes the size at runtime, the
             difference is added at once, so a raised limit helps now and a lowered one bites now
    ws, wc, wp  sliding window (steady rate): start of the current fixed window (ms), requests in
             it, requests in the previous one. The estimate wp * (share of the previous window still
             inside the sliding window) + wc needs O(1) memory, where a log of timestamps would keep
             one entry per request.
  A pace counter counts one user's mutating requests in the current second, for the bot detector.

  The number of keys varies (n subjects, then m pace counters); all of them share the sale's tag.
  KEYS[1..n]        subject hashes
  KEYS[n+1..n+m]    pace counters
  ARGV[1] n   ARGV[2] m
  ARGV[3+5(i-1) .. 7+5(i-1)]  subject i: burst, refill per second, window limit, window ms,
                              requests to add (burst 0 or limit 0: that algorithm is off)
  ARGV[3+5n+(j-1)]            pace counter j: requests to add

  Returns { now, then per subject: milli-tokens left (0 if no bucket), window start, window count,
            previous window count, then per pace counter: its count this second }
]]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local n, m = tonumber(ARGV[1]), tonumber(ARGV[2])
local out = { now }

for i = 1, n do
  local o = 3 + (i - 1) * 5
  local burst, rate = tonumber(ARGV[o]), tonumber(ARGV[o + 1])
  local limit, win, count = tonumber(ARGV[o + 2]), tonumber(ARGV[o + 3]), tonumber(ARGV[o + 4])
  local s = redis.call('HMGET', KEYS[i], 'tb', 'tt', 'ws', 'wc', 'wp', 'tc')
  local fields = {}
  local ttl = 1000
  local tokens, ws, wc, wp = 0, 0, 0, 0
  if burst > 0 then
    tokens = tonumber(s[1]) or burst
    local at = tonumber(s[2]) or now
    local size = tonumber(s[6]) or burst
    if size ~= burst then tokens = tokens + burst - size end
    tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000) - count
    fields[#fields + 1] = 'tb'; fields[#fields + 1] = tokens
    fields[#fields + 1] = 'tt'; fields[#fields + 1] = now
    fields[#fields + 1] = 'tc'; fields[#fields + 1] = burst
    -- Kept until a debt is paid back and the bucket is full again.
    ttl = math.max(ttl, math.ceil((burst - tokens) * 1000 / rate) + 1000)
  end
  if limit > 0 then
    local start = now - (now % win)
    ws = tonumber(s[3]) or start
    wc = tonumber(s[4]) or 0
    wp = tonumber(s[5]) or 0
    if ws ~= start then
      if start - ws == win then wp = wc else wp = 0 end
      wc = 0
      ws = start
    end
    wc = wc + count
    fields[#fields + 1] = 'ws'; fields[#fields + 1] = ws
    fields[#fields + 1] = 'wc'; fields[#fields + 1] = wc
    fields[#fields + 1] = 'wp'; fields[#fields + 1] = wp
    ttl = math.max(ttl, 2 * win)
  end
  if #fields > 0 then
    redis.call('HSET', KEYS[i], unpack(fields))
    redis.call('PEXPIRE', KEYS[i], ttl)
  end
  out[#out + 1] = math.floor(tokens * 1000)
  out[#out + 1] = ws
  out[#out + 1] = wc
  out[#out + 1] = wp
end

for j = 1, m do
  local add = tonumber(ARGV[2 + 5 * n + j])
  local pace = redis.call('INCRBY', KEYS[n + j], add)
  if pace == add then redis.call('PEXPIRE', KEYS[n + j], 1000) end
  out[#out + 1] = pace
end
return out
