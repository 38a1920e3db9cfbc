--[[
  Undoes a redemption the record (PostgreSQL) refused: only while the user is still bound to that
  code, so a second call changes nothing.

  KEYS[1] uses  KEYS[2] bindings  KEYS[3] access rules
  ARGV[1] userId  ARGV[2] code hash

  Returns 1 undone, 0 nothing to undo
]]
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HINCRBY', KEYS[1], ARGV[2], -1)
redis.call('HDEL', KEYS[3], 'lim:' .. ARGV[1])
return 1
