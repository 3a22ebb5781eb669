-- wrk script for the siting benchmark (bench/siting-http.sh): each connection POSTs the request
-- bodies of $BODIES (one JSON per line) in turn, from its own offset, with the session cookie and
-- CSRF token of one form login ($COOKIE, $XSRF), and counts answers other than 200.
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 1000)
  table.insert(threads, thread)
end

function init(args)
  bodies = {}
  for line in io.lines(os.getenv("BODIES")) do
    bodies[#bodies + 1] = line
  end
  n = offset
  not_ok = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Cookie"] = os.getenv("COOKIE")
  wrk.headers["X-XSRF-TOKEN"] = os.getenv("XSRF")
end

function request()
  n = n + 1
  return wrk.format(nil, nil, nil, bodies[(n % #bodies) + 1])
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("not_ok")
  end
  -- one machine-readable line: requests, seconds, p50 ms, p99 ms, answers other than 200, socket errors
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %.3f %.3f %d %d\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad,
    e.connect + e.read + e.write + e.timeout))
end
