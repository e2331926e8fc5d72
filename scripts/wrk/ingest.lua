-- wrk script for scripts/bench-server.sh: POST /api/v1/events with batches of BATCH events.
-- Arguments (after --): BATCH USERS ITEMS NONCE
-- Each event gets a unique eventId (NONCE, thread, request, position), so nothing is a duplicate;
-- users and items are drawn from the imported MovieLens ids. A 200 means the batch is committed.
local counter = 0
local threads = {}
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

-- Defaults, since wrk calls request() once before init() to see whether it is static.
batch = 1000
local users, items, nonce, sent = 6040, 3952, "0", 0
tid = tid or 1
function init(args)
  batch = tonumber(args[1]) or 1000
  users = tonumber(args[2]) or 6040
  items = tonumber(args[3]) or 3952
  nonce = args[4] or "0"
  sent = 0
  math.randomseed(104729 * (tid or 1))
end

function request()
  sent = sent + 1
  local parts = {}
  for k = 1, batch do
    parts[k] = string.format('{"eventId":"b%s-%d-%d-%d","userId":"%d","itemId":"%d",'
      .. '"type":"view","time":"2003-03-01T00:%02d:%02dZ"}', nonce, tid, sent, k,
      math.random(users), math.random(items), (k / 60) % 60, k % 60)
  end
  return wrk.format("POST", "/api/v1/events", {["Content-Type"] = "application/json"},
    "[" .. table.concat(parts, ",") .. "]")
end

function done(summary, latency, requests)
  -- done() runs in the main Lua state, where init() never ran: read BATCH back from a thread.
  batch = tonumber(threads[1]:get("batch")) or batch
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT batches=%d seconds=%.1f events_per_s=%.0f p50_ms=%.1f p99_ms=%.1f"
    .. " errors=%d non2xx=%d\n", summary.requests, secs, summary.requests * batch / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout + e.status, e.status))
end
