-- wrk script for the soak benchmark (bench/soak/run.sh): a working day's mix against the demo data.
-- Anonymous pages and API reads (cached), signed-in reads (uncached: the session cookie), searches,
-- and durable writes («хочу внедрить» requests by a signed-in curator). Counts answers by class so
-- the run can assert "no 5xx". SOAK_DELAY_MS paces each connection (80 % of capacity), SOAK_COOKIE
-- is a curator session.
local cookie = os.getenv("SOAK_COOKIE") or ""
local delay_ms = tonumber(os.getenv("SOAK_DELAY_MS") or "0")
local anon = {
  "/", "/regions/72", "/regions/86", "/practices/1", "/practices/7", "/practices?domain=volunteering",
  "/network", "/api/v1/practices?limit=20", "/api/v1/practices/3", "/api/v1/regions/72/benchmark?domain=volunteering&leader=86",
  "/api/v1/regions/RU-TYU/recommendations", "/api/v1/adoptions?limit=20", "/regions/72?lang=en",
}
local signed = {
  "/api/v1/practices?domain=volunteering&limit=20", "/api/v1/practices/2", "/api/v1/adoptions?region=72&limit=20",
  "/moderation", "/notifications",
}
local queries = { "волонтерство", "школа+искусств", "аварийное+жилье", "цифровизация", "наставничество",
  "добровольцы+Югра", "ресурсный+центр", "молодежь" }
-- wrk checks a script's request as it starts a thread and stops on raw UTF-8 in the target («invalid URL at
-- 1:22»): the Cyrillic queries go percent-encoded, as a browser sends them.
local function urlencode(s)
  return (s:gsub("[^%w%-_%.~+]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
for i, q in ipairs(queries) do queries[i] = urlencode(q) end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  c2, c4, c5, other = 0, 0, 0, 0
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
end
function delay() return delay_ms end
function request()
  local r = math.random(100)
  if r <= 3 then
    local body = '{"practice_id":' .. math.random(1, 30) ..
      ',"from":{"region":"72"},"contact_name":"Нагрузка","message":"Хотим внедрить (soak)"}'
    return wrk.format("POST", "/api/v1/adoption-requests",
      { ["Content-Type"] = "application/json", ["Cookie"] = cookie }, body)
  elseif r <= 23 then
    return wrk.format("GET", signed[math.random(#signed)], { ["Cookie"] = cookie })
  elseif r <= 38 then
    return wrk.format("GET", "/api/v1/search?q=" .. queries[math.random(#queries)])
  end
  return wrk.format("GET", anon[math.random(#anon)])
end
function response(status, headers, body)
  if status >= 500 then c5 = c5 + 1
  elseif status >= 400 then c4 = c4 + 1
  elseif status >= 200 and status < 400 then c2 = c2 + 1
  else other = other + 1 end
end
function done(summary, latency, requests)
  local t2, t4, t5 = 0, 0, 0
  for _, t in ipairs(threads) do
    t2 = t2 + t:get("c2"); t4 = t4 + t:get("c4"); t5 = t5 + t:get("c5")
  end
  io.write(string.format("SOAK requests=%d ok=%d c4xx=%d c5xx=%d errors=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, t2, t4, t5,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
